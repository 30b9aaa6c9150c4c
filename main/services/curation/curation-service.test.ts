import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkbenchApi } from '../../../shared/api/contract/index.js';
import { importPlainText } from '../../../shared/import/plain-text.js';
import { readStoredLayer } from '../../workspace/layer-files.test-support.js';
import { ANA, BOB, CY, curationWorkspace, idOf } from './curation.test-support.js';

// Curation on a real workspace: each annotator's layer made through the services as them (each on
// their own machine, so each with their own app data), then curated by someone else.

const ARTICLE = importPlainText(
  'match.txt',
  'The match\r\n\r\nAna said “we won” 👩‍👩‍👧 today. The café (q\u0323\u0307) opened 🇪🇸 at noon; مرحبا بالعالم said the sign. Bob said nothing at all, then left.\r\n',
);
const DEE = { annotator: 'Dee Park', email: 'dee@example.org' };

let workspaceDir: string;
let documentId: string;
let openAs: Awaited<ReturnType<typeof curationWorkspace>>['openAs'];
let close: Awaited<ReturnType<typeof curationWorkspace>>['close'];
let dispose: () => Promise<void>;
beforeEach(async () => {
  ({ workspaceDir, openAs, close, dispose } = await curationWorkspace('curation'));
  // The curator imports the article (which gives them an empty file of it: that alone is no layer to curate).
  const curator = await openAs(CY);
  const added = await curator.service.addArticle(ARTICLE);
  documentId = 'added' in added ? added.added.id : added.alreadyPresent.id;
  await close(curator);
});
afterEach(async () => {
  await dispose();
});

const rangeOf = (phrase: string) => {
  const start = ARTICLE.text.indexOf(phrase);
  if (start < 0) throw new Error(`${phrase} is not in the article`);
  return { start, end: start + phrase.length };
};

/** Annotates as `who`: each entry a phrase, its label and attributes; `links` join entries by index. */
async function annotateAs(who: typeof ANA, spans: [string, string, Record<string, string | boolean>?][], links: [number, number, string][] = []): Promise<string[]> {
  const workbench = await openAs(who);
  const ids: string[] = [];
  for (const [phrase, labelId, attributes] of spans) {
    const made = await workbench.api.createAnnotation({ documentId, labelId, ranges: [rangeOf(phrase)] });
    if (attributes) await workbench.api.updateAnnotation({ documentId, annotationId: made.id, attributes });
    ids.push(made.id);
  }
  for (const [from, to, typeId] of links) {
    await workbench.api.createLink({ typeId, source: { documentId, annotationId: ids[from]! }, target: { documentId, annotationId: ids[to]! } });
  }
  await close(workbench);
  return ids;
}

const curatedTexts = async () => (await readStoredLayer(workspaceDir, documentId, 'curated')).map((a) => [a.fragments.map((f) => f.exact).join(' … '), a.labelId, a.attributes]);

describe('curating two annotators’ layers', () => {
  it('merges their agreement ahead and settles each disagreement into the curated layer, undoably, then marks it curated', async () => {
    await annotateAs(ANA, [['we won', 'quote'], ['opened 🇪🇸 at noon', 'claim'], ['the sign', 'claim']], [[1, 0, 'supports']]);
    await annotateAs(BOB, [['we won', 'quote'], ['The café (q\u0323\u0307) opened 🇪🇸 at noon', 'claim']]);
    const before = await Promise.all([idOf(ANA), idOf(BOB)].map((id) => readFile(join(workspaceDir, 'annotations', documentId, `${id}.json`), 'utf8')));
    const { api } = await openAs(CY);

    const view = await api.openCuration({ documentId });
    expect(view.annotators.map((a) => a.name)).toEqual(['Ana López', 'Bob Stone']);
    expect(view).toMatchObject({ units: 3, mergedAhead: 1, policy: { kind: 'unanimous' }, status: 'not-started', counts: { done: 0, left: 3, waiting: 1 } });
    const [noon, link, sign] = view.items;
    expect(view.items.map((i) => i.kind)).toEqual(['span', 'link', 'span']);
    expect(noon!.context.text).toContain('Ana said “we won” 👩‍👩‍👧 today. The café');
    expect(noon!.kind === 'span' && noon!.versions.map((v) => v.span && ARTICLE.text.slice(v.span.ranges[0]!.start, v.span.ranges[0]!.end))).toEqual([
      'opened 🇪🇸 at noon',
      'The café (q\u0323\u0307) opened 🇪🇸 at noon',
    ]);
    // A link waits until both its ends are curated.
    await expect(api.settleDisagreement({ documentId, itemId: link!.id, choice: { kind: 'annotator', annotator: idOf(ANA) } })).rejects.toMatchObject({
      code: 'conflict',
      message: 'Curate both ends of this link first: “The café (q\u0323\u0307) opened 🇪🇸 at noon” is not settled yet.',
    });

    await api.applyCurationPolicy({ documentId, policy: { kind: 'unanimous', fraction: 1 } });
    expect(await curatedTexts()).toEqual([['we won', 'quote', {}]]);
    await api.settleDisagreement({ documentId, itemId: noon!.id, choice: { kind: 'annotator', annotator: idOf(BOB) } });
    await api.settleDisagreement({ documentId, itemId: link!.id, choice: { kind: 'annotator', annotator: idOf(ANA) } });
    const progress = await api.settleDisagreement({ documentId, itemId: sign!.id, choice: { kind: 'none' } });
    expect(progress).toMatchObject({ status: 'in-progress', counts: { done: 3, left: 0 }, curatedAnnotations: 2 });
    const curated = await readStoredLayer(workspaceDir, documentId, 'curated');
    expect(curated.map((a) => [a.fragments[0]!.exact, a.annotator, a.author])).toEqual([
      ['we won', 'curated', 'Cy Curator'],
      ['The café (q\u0323\u0307) opened 🇪🇸 at noon', 'curated', 'Cy Curator'],
    ]);
    for (const a of curated) expect(ARTICLE.text.slice(a.fragments[0]!.start, a.fragments[0]!.end)).toBe(a.fragments[0]!.exact);
    const linkFile = JSON.parse(await readFile(join(workspaceDir, 'links', 'curated.json'), 'utf8'));
    expect(linkFile.links).toMatchObject([{ typeId: 'supports', source: { annotationId: curated[1]!.id }, target: { annotationId: curated[0]!.id }, annotator: 'curated' }]);
    expect(linkFile.curation[documentId].decisions.map((d: { id: string; curatorId: string; choice: unknown }) => [d.id, d.curatorId, d.choice])).toEqual([
      [noon!.id, idOf(CY), { kind: 'annotator', annotator: idOf(BOB) }],
      [link!.id, idOf(CY), { kind: 'annotator', annotator: idOf(ANA) }],
      [sign!.id, idOf(CY), { kind: 'none' }],
    ]);

    await api.setCurationStatus({ documentId, status: 'done' });
    expect((await api.listCurationStatuses()).find((s) => s.documentId === documentId)).toMatchObject({ status: 'done' });
    // Taking a decision back (undo) leaves a disagreement: the article is being curated again, and cannot be done;
    // the link stays decided, and comes back once its end is curated again.
    const undone = await api.settleDisagreement({ documentId, itemId: noon!.id, choice: null });
    expect(undone).toMatchObject({ status: 'in-progress', counts: { done: 2, left: 1, waiting: 0 }, curatedAnnotations: 1 });
    expect(JSON.parse(await readFile(join(workspaceDir, 'links', 'curated.json'), 'utf8')).links).toEqual([]);
    await expect(api.setCurationStatus({ documentId, status: 'done' })).rejects.toMatchObject({ message: '1 disagreement is left to settle before this article is curated.' });
    // Redo gives back the same span, with the same id, and its link.
    await api.settleDisagreement({ documentId, itemId: noon!.id, choice: { kind: 'annotator', annotator: idOf(BOB) } });
    expect((await readStoredLayer(workspaceDir, documentId, 'curated')).map((a) => a.id)).toEqual(curated.map((a) => a.id));
    expect(JSON.parse(await readFile(join(workspaceDir, 'links', 'curated.json'), 'utf8')).links).toHaveLength(1);

    // The annotators' files were only read; the curated layer is listed and shown, and read-only elsewhere.
    expect(await Promise.all([idOf(ANA), idOf(BOB)].map((id) => readFile(join(workspaceDir, 'annotations', documentId, `${id}.json`), 'utf8')))).toEqual(before);
    expect((await api.listAnnotators()).find((a) => a.id === 'curated')).toMatchObject({ name: 'Curated', reserved: 'curated', isMe: false });
    expect((await api.openLayer({ documentId, annotator: 'curated' })).annotations).toHaveLength(2);
    await expect(api.updateAnnotation({ documentId, annotationId: curated[0]!.id, labelId: 'fact' })).rejects.toMatchObject({
      code: 'read-only',
      message: expect.stringContaining('the curated layer, which changes only through Curate'),
    });
  });

  it('refuses a choice that does not fit, naming why', async () => {
    await annotateAs(ANA, [['we won', 'quote']]);
    await annotateAs(BOB, [['said “we won”', 'quote']]);
    const { api } = await openAs(CY);
    const [item] = (await api.openCuration({ documentId })).items;
    const settle = (choice: Parameters<WorkbenchApi['settleDisagreement']>[0]['choice']) => api.settleDisagreement({ documentId, itemId: item!.id, choice });
    await expect(settle({ kind: 'annotator', annotator: idOf(DEE) })).rejects.toMatchObject({ code: 'invalid-input', message: 'That annotator has no layer of this article.' });
    const family = rangeOf('👩‍👩‍👧');
    await expect(settle({ kind: 'edit', ranges: [{ start: family.start, end: family.start + 1 }], labelId: 'quote' })).rejects.toMatchObject({ message: expect.stringContaining('splits a character') });
    await expect(settle({ kind: 'edit', ranges: [rangeOf('we won')], labelId: 'opinion' })).rejects.toMatchObject({ message: 'There is no label “opinion” in this workspace.' });
    await expect(api.settleDisagreement({ documentId, itemId: 'gone', choice: { kind: 'none' } })).rejects.toMatchObject({ code: 'not-found' });
    // An edit: the curator's own span, exactly the characters given (the family emoji whole).
    await settle({ kind: 'edit', ranges: [{ start: rangeOf('we won').start, end: family.end }], labelId: 'quote', attributes: { speaker: 'Ana' } });
    expect(await curatedTexts()).toEqual([['we won” 👩‍👩‍👧', 'quote', { speaker: 'Ana' }]]);
  });
});

describe('curating three annotators’ layers', () => {
  it('merges ahead what the policy asks for, and asks about attribute values and the rest', async () => {
    await annotateAs(ANA, [['we won', 'quote', { verbatim: true }], ['at noon', 'claim'], ['the sign', 'claim']]);
    await annotateAs(BOB, [['we won', 'quote', { verbatim: false }], ['at noon', 'claim'], ['said the sign', 'claim']]);
    await annotateAs(DEE, [['we won', 'quote', { verbatim: true, speaker: 'Ana' }], ['at noon', 'fact']]);
    const { api } = await openAs(CY);

    const unanimous = await api.openCuration({ documentId });
    expect(unanimous.items.map((i) => i.kind)).toEqual(['attributes', 'span', 'span']);
    expect(unanimous).toMatchObject({ units: 3, mergedAhead: 1 });

    const majority = await api.applyCurationPolicy({ documentId, policy: { kind: 'majority', fraction: 0.5 } });
    // "at noon" as a claim is what two of three chose; "the sign" is a tie of three versions.
    expect(majority).toMatchObject({ mergedAhead: 2, policy: { kind: 'majority' } });
    const [values, sign] = majority.items;
    expect(values).toMatchObject({ kind: 'attributes', names: ['speaker', 'verbatim'], span: { attributes: {} } });
    expect(await curatedTexts()).toEqual([
      ['we won', 'quote', {}],
      ['at noon', 'claim', {}],
    ]);
    await expect(api.settleDisagreement({ documentId, itemId: values!.id, choice: { kind: 'all' } })).rejects.toMatchObject({ message: expect.stringContaining('Only one set of values can be kept') });
    await api.settleDisagreement({ documentId, itemId: values!.id, choice: { kind: 'annotator', annotator: idOf(DEE) } });
    await api.settleDisagreement({ documentId, itemId: sign!.id, choice: { kind: 'all' } });
    expect(await curatedTexts()).toEqual([
      ['we won', 'quote', { speaker: 'Ana', verbatim: true }],
      ['at noon', 'claim', {}],
      ['said the sign', 'claim', {}],
      ['the sign', 'claim', {}],
    ]);
    // A threshold of three quarters asks about "at noon" again (two of three chose it), keeping the decisions.
    const strict = await api.applyCurationPolicy({ documentId, policy: { kind: 'threshold', fraction: 0.75 } });
    expect(strict.items.map((i) => i.kind)).toEqual(['attributes', 'span', 'span']);
    expect(strict.counts).toEqual({ done: 2, left: 1, waiting: 0, moot: 0, elsewhere: 0 });
    expect(await curatedTexts()).toHaveLength(3);
  });
});
