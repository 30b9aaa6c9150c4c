import { OWNER_ANNOTATOR } from '../model/annotator.js';

/**
 * Who read annotations and links in, and when: what parsers give items whose file does not say
 * (the author's name and the time), and the layer they go to (`annotator`, the owner's when absent).
 */
export interface ImportProvenance {
  author: string;
  timestamp: string;
  annotator?: string;
}

/** The annotator of items read with `provenance`. */
export function provenanceAnnotator(provenance: { annotator?: string | undefined }): string {
  return provenance.annotator ?? OWNER_ANNOTATOR;
}
