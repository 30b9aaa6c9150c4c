import type { Annotation } from '../../../shared/model/annotation.js';

/**
 * Document order of annotations: by where their first fragment starts, then where it ends. Among
 * annotations at the same place, the one put there earlier comes first.
 */
export function compareInDocumentOrder(a: Annotation, b: Annotation): number {
  const x = a.fragments[0]!;
  const y = b.fragments[0]!;
  return x.start - y.start || x.end - y.end;
}

/**
 * `list` (in document order) with `changed` put in: an annotation with the same id as one in the
 * list replaces it (and the last of several in `changed` with one id wins), and every one lands in document order, after those already at the same place.
 * One pass over the list, so saving one annotation, or labelling 10,000 search hits at once, costs
 * the same in an article with 100k annotations.
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
    while (i < kept.length && compareInDocumentOrder(kept[i]!, annotation) <= 0) merged.push(kept[i++]!);
    merged.push(annotation);
  }
  while (i < kept.length) merged.push(kept[i++]!);
  return merged;
}
