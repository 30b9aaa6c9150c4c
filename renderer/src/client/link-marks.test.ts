import { describe, expect, it } from 'vitest';
import { defaultLinkTypes } from '../../../shared/model/label-schema.js';
import type { ResolvedLink, ResolvedLinkEnd } from '../../../shared/model/link.js';
import { NO_LINK_MARKS } from '../document-view/link-marks.js';
import { deriveLinkMarks } from './link-marks.js';

const end = (documentId: string, annotationId: string, text: string, documentTitle: string): ResolvedLinkEnd => ({
  documentId,
  annotationId,
  text,
  documentTitle,
  labelId: 'claim',
});

const claim = end('d1', 'claim', 'Hamilton has offered words of encouragement', 'Hamilton offers words of support for Russell');
const apology = end('d1', 'apology', 'Yesterday wasn’t my proudest day,', 'Hamilton offers words of support for Russell');
const lap30 = end('d1', 'lap30', '30th lap', 'Hamilton offers words of support for Russell');
const lap32 = end('d2', 'lap32', 'lap 32', 'Russell seeing red after the Italian GP');
const straight = end('d2', 'straight', "Yesterday wasn't my proudest day,", 'Russell seeing red after the Italian GP');

function link(id: string, typeId: string, source: ResolvedLinkEnd, target: ResolvedLinkEnd): ResolvedLink {
  const at = '2024-01-01T00:00:00.000Z';
  return {
    link: { id, typeId, source: { documentId: source.documentId, annotationId: source.annotationId }, target: { documentId: target.documentId, annotationId: target.annotationId }, note: '', author: 'me', annotator: 'me', createdAt: at, updatedAt: at },
    source,
    target,
  };
}

describe('link marks of an article', () => {
  const links = [
    link('l1', 'supports', claim, apology),
    link('l2', 'contradicts', lap32, lap30),
    link('l3', 'same', apology, straight),
  ];

  it('counts each annotation\'s links, lists their types in the workspace\'s order, and reads each from this side', () => {
    const marks = deriveLinkMarks('d1', links, defaultLinkTypes);
    expect([...marks.keys()].sort()).toEqual(['apology', 'claim', 'lap30']);
    expect(marks.get('claim')).toMatchObject({ count: 1, types: [{ id: 'supports', colour: '#22c55e' }] });
    expect(marks.get('claim')!.readings.map((r) => r.text)).toEqual(['supports “Yesterday wasn’t my proudest day,” in this article']);
    // The target of a one-way link reads it the other way round; a two-way type says what it is.
    const apologyMark = marks.get('apology')!;
    expect(apologyMark.count).toBe(2);
    expect(apologyMark.types.map((t) => t.id)).toEqual(['same', 'supports']);
    expect(apologyMark.readings.map((r) => r.text)).toEqual([
      '“Hamilton has offered words of encouragement” in this article supports this',
      'Same: “Yesterday wasn\'t my proudest day,” in Russell seeing red after the Italian GP',
    ]);
    expect(marks.get('lap30')!.readings.map((r) => r.text)).toEqual(['Contradicts: “lap 32” in Russell seeing red after the Italian GP']);
  });

  it('marks the other article\'s ends from its own side', () => {
    const marks = deriveLinkMarks('d2', links, defaultLinkTypes);
    expect([...marks.keys()].sort()).toEqual(['lap32', 'straight']);
    expect(marks.get('straight')!.readings.map((r) => r.text)).toEqual(['Same: “Yesterday wasn’t my proudest day,” in Hamilton offers words of support for Russell']);
  });

  it('reads a reversed link the other way, and keeps the marks that did not change as the same objects', () => {
    const before = deriveLinkMarks('d1', links, defaultLinkTypes);
    const reversed = [link('l1', 'supports', apology, claim), ...links.slice(1)];
    const after = deriveLinkMarks('d1', reversed, defaultLinkTypes, before);
    expect(after.get('claim')!.readings[0]!.text).toBe('“Yesterday wasn’t my proudest day,” in this article supports this');
    expect(after.get('claim')).not.toBe(before.get('claim'));
    expect(after.get('lap30')).toBe(before.get('lap30'));
    // A link deleted: its ends lose their mark (or a link of it).
    const deleted = deriveLinkMarks('d1', links.slice(1), defaultLinkTypes, after);
    expect(deleted.has('claim')).toBe(false);
    expect(deleted.get('apology')).toMatchObject({ count: 1, types: [{ id: 'same' }] });
  });

  it('has nothing to mark without an article or links, and names a type the workspace no longer has by its id', () => {
    expect(deriveLinkMarks(null, links, defaultLinkTypes)).toBe(NO_LINK_MARKS);
    expect(deriveLinkMarks('d1', [], defaultLinkTypes)).toBe(NO_LINK_MARKS);
    const marks = deriveLinkMarks('d1', [link('l9', 'retired', claim, lap30)], defaultLinkTypes);
    expect(marks.get('claim')!.readings[0]!.text).toBe('retired: “30th lap” in this article');
    expect(marks.get('claim')!.types[0]!.colour).toMatch(/^#[0-9a-f]{6}$/);
  });
});
