import type { LinkType } from '../../../shared/model/label-schema.js';
import type { ResolvedLink, ResolvedLinkEnd } from '../../../shared/model/link.js';
import { excerpt } from '../../../shared/text/excerpt.js';
import { linkBadgeKey, NO_LINK_MARKS, type LinkMark, type LinkMarks, type LinkReading, type LinkTypeSwatch } from '../document-view/link-marks.js';

/** Colour of a link type the workspace no longer lists (its links are kept until they are deleted). */
const UNKNOWN_TYPE_COLOUR = '#6b7280';

/**
 * The link marks of one article: for every annotation of `documentId` with links, how many, of
 * which types, and each link read from that annotation's side. A link inside the article marks
 * both its ends. Marks that read the same as in `previous` are that same object, so the article
 * repaints only the annotations whose marks changed.
 */
export function deriveLinkMarks(
  documentId: string | null,
  links: readonly ResolvedLink[],
  linkTypes: readonly LinkType[],
  previous: LinkMarks = NO_LINK_MARKS,
): LinkMarks {
  if (!documentId || links.length === 0) return NO_LINK_MARKS;
  const typeOrder = new Map(linkTypes.map((t, i) => [t.id, i]));
  const readingsOf = new Map<string, LinkReading[]>();
  const add = (here: ResolvedLinkEnd, reading: LinkReading) => {
    const list = readingsOf.get(here.annotationId);
    if (list) list.push(reading);
    else readingsOf.set(here.annotationId, [reading]);
  };
  for (const { link, source, target } of links) {
    const type = linkTypes.find((t) => t.id === link.typeId);
    const swatch: LinkTypeSwatch = { id: link.typeId, colour: type?.colour ?? UNKNOWN_TYPE_COLOUR };
    if (source.documentId === documentId) add(source, { linkId: link.id, type: swatch, text: readLink(type, link.typeId, 'source', target, documentId) });
    if (target.documentId === documentId) add(target, { linkId: link.id, type: swatch, text: readLink(type, link.typeId, 'target', source, documentId) });
  }
  const marks = new Map<string, LinkMark>();
  for (const [annotationId, readings] of readingsOf) {
    const types = [...new Map(readings.map((r) => [r.type.id, r.type])).values()].sort(
      (a, b) => (typeOrder.get(a.id) ?? Infinity) - (typeOrder.get(b.id) ?? Infinity),
    );
    const mark: LinkMark = { count: readings.length, types, readings };
    const before = previous.get(annotationId);
    marks.set(annotationId, before && sameMark(before, mark) ? before : mark);
  }
  return marks;
}

/**
 * One link in plain words from one of its ends, naming the other end: a one-way type reads in its
 * direction as the links panel reads it (“source” supports “target”): `supports “…” in <article>`
 * from its source, `“…” in <article> supports this` from its target. A type that reads the same
 * both ways says what it is: `Same: “…” in <article>`.
 */
export function readLink(type: LinkType | undefined, typeId: string, here: 'source' | 'target', other: ResolvedLinkEnd, documentId: string): string {
  const name = type?.name ?? typeId;
  const where = other.documentId === documentId ? 'in this article' : `in ${excerpt(other.documentTitle, 60)}`;
  const quoted = `“${excerpt(other.text, 50)}” ${where}`;
  if (!type?.directed) return `${name}: ${quoted}`;
  return here === 'source' ? `${name.toLowerCase()} ${quoted}` : `${quoted} ${name.toLowerCase()} this`;
}

function sameMark(a: LinkMark, b: LinkMark): boolean {
  if (linkBadgeKey(a) !== linkBadgeKey(b) || a.readings.length !== b.readings.length) return false;
  return a.readings.every((r, i) => {
    const other = b.readings[i]!;
    return r.linkId === other.linkId && r.text === other.text && r.type.id === other.type.id && r.type.colour === other.type.colour;
  });
}
