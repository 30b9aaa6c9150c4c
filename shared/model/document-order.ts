import type { Annotation } from './annotation.js';

/**
 * Document order of annotations, the one order in which a document's annotations are stored, sent
 * and shown: by where their first fragment starts, then where it ends, then by id. The id settles
 * ties (several annotations on the same words) the same way in every process and on every machine,
 * so a list kept up to date edit by edit equals the list read back from disk. Ids are compared by
 * UTF-16 code units, not `localeCompare`, whose result depends on the locale of the process.
 */
export function compareInDocumentOrder(a: Annotation, b: Annotation): number {
  const x = a.fragments[0]!;
  const y = b.fragments[0]!;
  return x.start - y.start || x.end - y.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * `list` (in document order) with `changed` put in: an annotation with the same id as one in the
 * list replaces it (and the last of several in `changed` with one id wins), and every one lands at
 * its place in document order. One pass over the list, so saving one annotation, or labelling
 * 10,000 search hits at once, costs the same in an article with 100k annotations.
 */
export function putInDocumentOrder(list: readonly Annotation[], changed: readonly Annotation[]): Annotation[] {
  if (changed.length === 0) return [...list];
  // The last of several with one id is the one that counts.
  const byId = new Map(changed.map((a) => [a.id, a]));
  const kept = list.filter((a) => !byId.has(a.id));
  const incoming = [...byId.values()].sort(compareInDocumentOrder);
  const merged: Annotation[] = [];
  let i = 0;
  for (const annotation of incoming) {
    // Ids differ between `kept` and `incoming`, so the two never compare equal.
    while (i < kept.length && compareInDocumentOrder(kept[i]!, annotation) < 0) merged.push(kept[i++]!);
    merged.push(annotation);
  }
  while (i < kept.length) merged.push(kept[i++]!);
  return merged;
}
