import type { Annotation } from '../model/annotation.js';
import type { DocumentSnapshot, WorkspaceSnapshot } from '../model/workspace.js';
import { splitsSurrogatePair } from '../text/code-points.js';

/** Why an annotation is left out of offset-based exports. */
export interface UnexportableAnnotation {
  documentId: string;
  annotationId: string;
  reason: string;
}

/**
 * Why an annotation's offsets cannot be exported against `text`, or null when they can: it must not
 * be orphaned, and its fragments must be in order, not overlap, stay inside the text, not split a
 * surrogate pair, and slice the text to exactly their stored `exact`.
 */
export function unexportableReason(text: string, documentId: string, annotation: Annotation): string | null {
  if (annotation.documentId !== documentId) return `it belongs to document ${annotation.documentId}`;
  if (annotation.orphaned) return 'it is orphaned: its quote was not found in the current text';
  let previousEnd = 0;
  for (const fragment of annotation.fragments) {
    const { start, end } = fragment;
    if (start < previousEnd) return 'its fragments overlap or are out of order';
    if (end <= start || end > text.length) return `fragment ${start}–${end} is outside the text`;
    if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
      return `fragment ${start}–${end} splits a character`;
    }
    if (text.slice(start, end) !== fragment.exact) return `fragment ${start}–${end} no longer matches its quote`;
    previousEnd = end;
  }
  return null;
}

/**
 * The order of annotations in offset-based exports: by where they start, then by where their last
 * fragment ends (longer first), then by id. Unlike document order (shared/model/document-order.ts),
 * a span that encloses others comes before them, so it is listed and numbered first.
 */
export function compareAnnotationsByPosition(a: Annotation, b: Annotation): number {
  const fa = a.fragments[0]!;
  const fb = b.fragments[0]!;
  if (fa.start !== fb.start) return fa.start - fb.start;
  const ea = a.fragments[a.fragments.length - 1]!.end;
  const eb = b.fragments[b.fragments.length - 1]!.end;
  if (ea !== eb) return eb - ea;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The annotations of a document that offset-based formats export, in position order. Annotations
 * whose offsets do not fit the text (see `unexportableReason`) are left out; the native export
 * keeps them. `findUnexportableAnnotations` lists what is left out so the UI can say so.
 */
export function exportableAnnotations(document: DocumentSnapshot): Annotation[] {
  return document.annotations
    .filter((a) => unexportableReason(document.text, document.meta.id, a) === null)
    .sort(compareAnnotationsByPosition);
}

/** Every annotation of the snapshot that offset-based exports leave out, with the reason. */
export function findUnexportableAnnotations(snapshot: WorkspaceSnapshot): UnexportableAnnotation[] {
  const found: UnexportableAnnotation[] = [];
  for (const document of snapshot.documents) {
    for (const annotation of document.annotations) {
      const reason = unexportableReason(document.text, document.meta.id, annotation);
      if (reason !== null) found.push({ documentId: document.meta.id, annotationId: annotation.id, reason });
    }
  }
  return found;
}
