import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARTICLE_PARTS_VERSION } from '../../../shared/agreement/article-parts.js';
import type { AgreementReport } from '../../../shared/api/contract/agreement.js';
import { makeTempDir } from '../../storage/test-support.js';
import { agreementCacheFile } from './agreement-layer-cache.js';
import type { ReadOrder } from './agreement-messages.js';
import { partsCacheFile } from './agreement-parts-cache.js';
import { AgreementSession } from './agreement-session.js';
import { BOB, bobId, mark, openAs, twoLayers } from './agreement.test-support.js';

let root: string;
let remove: () => Promise<void>;
let workspaceDir: string;
let cacheFile: string;
beforeEach(async () => {
  ({ dir: root, remove } = await makeTempDir('agreement-session'));
  workspaceDir = join(root, 'ws');
  cacheFile = agreementCacheFile(join(root, 'app-data', 'agreement-cache'), workspaceDir);
});
afterEach(async () => {
  await remove();
});

let revision = 0;
/** What the service asks the worker to read: the workspace on disk, a new revision each time. */
const order = (cached: boolean): ReadOrder => ({ dir: workspaceDir, revision: String(++revision), names: {}, unsaved: null, cacheFile: cached ? cacheFile : null });

/** A new session's report (with the caches an earlier one left, or none), and the session (what it tells of its caches, into `notes`). */
async function reportOf(cached: boolean, notes: string[] = []): Promise<{ report: AgreementReport; session: AgreementSession }> {
  const session = new AgreementSession(workspaceDir, cached ? cacheFile : null, (note) => notes.push(note));
  const { report } = await session.report(order(cached), {});
  return { report, session };
}

/** A session that computes the report and leaves its caches, as one does when the worker stops. */
async function leaveCaches(): Promise<AgreementReport> {
  const { report, session } = await reportOf(true);
  await session.saveCaches();
  return report;
}

/** Ana and Bob code the sample articles (quotes linked as the same, a claim each); Bob then gives his claim a verdict. */
async function workspace(): Promise<{ first: string; second: string }> {
  const articles = await twoLayers(root, workspaceDir);
  const bob = await openAs(root, workspaceDir, BOB);
  await mark(bob.api, articles.second, 'the', 'claim');
  await bob.close();
  return articles;
}

/** How many articles have annotation files, and how many files there are. */
async function annotationFiles(): Promise<{ articles: number; files: number }> {
  const folders = await readdir(join(workspaceDir, 'annotations'));
  let files = 0;
  for (const folder of folders) files += (await readdir(join(workspaceDir, 'annotations', folder))).length;
  return { articles: folders.length, files };
}

describe('the agreement parts cache', () => {
  it('gives a new session each article’s parts, so it reads no annotation file, and the report is the one computed afresh', async () => {
    await workspace();
    const cold = await leaveCaches();
    expect((await readdir(join(root, 'app-data', 'agreement-cache'))).filter((name) => name.endsWith('.parts'))).toHaveLength(1);
    const parts = await readFile(partsCacheFile(cacheFile), 'latin1');
    expect(parts, 'numbers and ids, never annotations').not.toContain('Russell');

    const { report: warm, session } = await reportOf(true);
    expect(session.articlesFromParts, 'those two coded and those one coded').toBe((await annotationFiles()).articles);
    expect(session.files.counts, 'no annotation file parsed, the annotation cache not read').toEqual({ parsed: 0, fromCache: 0 });
    expect(warm).toEqual(cold);
    expect(warm).toEqual((await reportOf(false)).report);
  });

  it('works out again only the article whose file changed, and the report is the one computed afresh', async () => {
    const { first } = await workspace();
    await leaveCaches();
    const bob = await openAs(root, workspaceDir, BOB);
    await mark(bob.api, first, 'Tensions flared up', 'fact');
    await bob.close();

    const { report, session } = await reportOf(true);
    expect(session.articlesFromParts).toBe((await annotationFiles()).articles - 1);
    expect(session.files.counts.parsed, 'the changed article’s two files').toBe(2);
    const fresh = (await reportOf(false)).report;
    expect(report).toEqual(fresh);
    expect(report.overall.spans.byLabel.find((l) => l.labelId === 'fact')!.figures.f1Exact.details).toContainEqual({ name: 'only Bob Stone', value: 1 });
  });

  it('reads an article again when a new link names an annotation its parts do not place', async () => {
    const { first, second } = await workspace();
    await leaveCaches();
    const bob = await openAs(root, workspaceDir, BOB);
    const claim = (await bob.api.listAnnotations({ documentId: first })).find((a) => a.labelId === 'claim')!;
    const other = (await bob.api.listAnnotations({ documentId: second })).find((a) => a.labelId === 'claim')!;
    await bob.api.createLink({ typeId: 'supports', source: { documentId: first, annotationId: claim.id }, target: { documentId: second, annotationId: other.id } });
    await bob.close();

    const { report, session } = await reportOf(true);
    expect(session.articlesFromParts, 'both ends’ articles read').toBe((await annotationFiles()).articles - 2);
    expect(report).toEqual((await reportOf(false)).report);
  });

  it('does not read an article again for a link whose end has no unit there (its annotation gone), once the parts know it', async () => {
    const { second } = await workspace();
    // Bob's link file names an annotation of the second article that is not there (deleted elsewhere, say).
    const linkFile = join(workspaceDir, 'links', `${bobId}.json`);
    const links = JSON.parse(await readFile(linkFile, 'utf8')) as { links: { id: string; target: { documentId: string; annotationId: string } }[] };
    const [link] = links.links;
    links.links.push({ ...link!, id: `${link!.id}-gone`, target: { documentId: second, annotationId: 'gone' } });
    await writeFile(linkFile, JSON.stringify(links, null, 2));
    const fresh = await leaveCaches();
    expect(fresh.notes.join(' ')).toContain('1 link with an end outside the compared articles');

    const { report, session } = await reportOf(true);
    expect(session.articlesFromParts, 'no article read').toBe((await annotationFiles()).articles);
    expect(session.files.counts.parsed).toBe(0);
    expect(report).toEqual(fresh);
  });

  it('names a damaged annotation file found when a deferred article is read, with what to do about it', async () => {
    const { first } = await workspace();
    await leaveCaches();
    const session = new AgreementSession(workspaceDir, cacheFile);
    const read = order(true);
    const { report } = await session.report(read, {});
    expect(session.articlesFromParts).toBe((await annotationFiles()).articles);
    const file = join(workspaceDir, 'annotations', first, `${bobId}.json`);
    await writeFile(file, '{"schemaVersion": 2, "documentId": ');
    await expect(session.disagreements(read, report.overall.spans.overall.f1Exact.cell)).rejects.toThrow(new RegExp(`^${escaped(file)} is not valid JSON .* Run \`corroborate check\` on the workspace\\.$`));
  });

  it('ignores parts cached by another version of the computation', async () => {
    await workspace();
    await leaveCaches();
    const file = partsCacheFile(cacheFile);
    const bytes = await readFile(file, 'latin1');
    const newline = bytes.indexOf('\n');
    const header = JSON.parse(bytes.slice(0, newline)) as { version: number };
    expect(header.version).toBe(ARTICLE_PARTS_VERSION);
    await writeFile(file, `${JSON.stringify({ ...header, version: ARTICLE_PARTS_VERSION - 1 })}${bytes.slice(newline)}`, 'latin1');

    const { report, session } = await reportOf(true);
    expect(session.articlesFromParts).toBe(0);
    expect(session.files.counts.fromCache, 'the annotation cache read instead').toBe((await annotationFiles()).files);
    expect(report).toEqual((await reportOf(false)).report);
  });

  it('ignores a damaged parts cache (its checksum differs, or its body is of another form), telling which file and why; the report is the same', async () => {
    await workspace();
    const cold = await leaveCaches();
    const file = partsCacheFile(cacheFile);
    const bytes = await readFile(file, 'latin1');
    const newline = bytes.indexOf('\n');
    const header = JSON.parse(bytes.slice(0, newline)) as { sha256: string };
    const body = '{"schema":"[]","values":[],"articles":[[1]]}';
    const damaged = [
      { text: `${bytes.slice(0, -20)}${'0'.repeat(20)}`, why: 'is damaged (its checksum differs)' },
      { text: `${JSON.stringify({ ...header, sha256: createHash('sha256').update(body).digest('hex') })}\n${body}`, why: 'is damaged (a list of another form)' },
    ];
    for (const { text, why } of damaged) {
      await writeFile(file, text, 'latin1');
      const notes: string[] = [];
      const { report, session } = await reportOf(true, notes);
      expect(session.articlesFromParts).toBe(0);
      expect(report).toEqual(cold);
      expect(notes).toEqual([`The agreement cache ${file} ${why}; it is ignored.`]);
    }
  });

  it('tells which cache files could not be read or written and why; the report is not changed by it', async () => {
    await workspace();
    const fresh = (await reportOf(false)).report;
    await writeFile(join(root, 'not-a-folder'), 'a file');
    cacheFile = agreementCacheFile(join(root, 'not-a-folder', 'agreement-cache'), workspaceDir);
    const notes: string[] = [];
    const { report, session } = await reportOf(true, notes);
    expect(report).toEqual(fresh);
    await session.saveCaches();
    expect(notes).toEqual([
      `The agreement cache ${partsCacheFile(cacheFile)} cannot be read (ENOTDIR); it is ignored.`,
      `The agreement cache ${cacheFile} cannot be read (ENOTDIR); it is ignored.`,
      expect.stringMatching(new RegExp(`^The agreement cache ${escaped(cacheFile)} could not be written \\(.*(ENOTDIR|EEXIST)`)),
      expect.stringMatching(new RegExp(`^The agreement cache ${escaped(partsCacheFile(cacheFile))} could not be written \\(.*(ENOTDIR|EEXIST)`)),
    ]);
  });
});

/** `text` as a regular expression matching it literally. */
function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
