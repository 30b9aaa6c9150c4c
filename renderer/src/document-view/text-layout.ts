import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { articleSchema } from './article-schema.js';

/** How many paragraphs go into one section of the ProseMirror document. */
export const PARAGRAPHS_PER_SECTION = 100;

/**
 * An article's stored text laid out as a ProseMirror document, with the mapping between text
 * offsets (UTF-16, what annotations store) and document positions. Each line of the text becomes a
 * paragraph; the newlines between them are in the text but not in the document, so the mapping
 * skips them.
 */
export class TextLayout {
  /** The ProseMirror document. */
  readonly doc: ProseMirrorNode;
  /** Text offset where each paragraph starts, ascending. */
  private readonly paragraphStarts: number[] = [];
  /** Length of each paragraph's text. */
  private readonly paragraphLengths: number[] = [];
  /** Document position where each paragraph's content starts. */
  private readonly paragraphPositions: number[] = [];

  /** Lays out `text`. */
  constructor(
    readonly text: string,
    paragraphsPerSection = PARAGRAPHS_PER_SECTION,
  ) {
    const lines: { start: number; line: string; gap: boolean }[] = [];
    let start = 0;
    for (const line of text.split('\n')) {
      if (line.length > 0) lines.push({ start, line, gap: false });
      else if (lines.length > 0) lines[lines.length - 1]!.gap = true;
      start += line.length + 1;
    }
    if (lines.length === 0) lines.push({ start: 0, line: '', gap: false });

    const sections: ProseMirrorNode[] = [];
    let position = 0;
    for (let first = 0; first < lines.length; first += paragraphsPerSection) {
      position += 1; // section opening
      const paragraphs = lines.slice(first, first + paragraphsPerSection).map(({ start: lineStart, line, gap }) => {
        const paragraph = articleSchema.nodes.paragraph!.create({ gap }, line ? articleSchema.text(line) : null);
        this.paragraphStarts.push(lineStart);
        this.paragraphLengths.push(line.length);
        this.paragraphPositions.push(position + 1);
        position += paragraph.nodeSize;
        return paragraph;
      });
      position += 1; // section closing
      sections.push(articleSchema.nodes.section!.create(null, paragraphs));
    }
    this.doc = articleSchema.nodes.doc!.create(null, sections);
  }

  /**
   * The text offset of a document position. Positions between paragraphs map to the end of the
   * paragraph before them.
   */
  offsetAt(position: number): number {
    const i = lastAtOrBelow(this.paragraphPositions, position);
    if (i < 0) return 0;
    const within = Math.min(Math.max(position - this.paragraphPositions[i]!, 0), this.paragraphLengths[i]!);
    return this.paragraphStarts[i]! + within;
  }

  /**
   * The document position of a text offset. At a paragraph boundary, and inside the newlines between
   * two paragraphs, `side` -1 picks the end of the paragraph before and `side` 1 the start of the one
   * after.
   */
  positionAt(offset: number, side: -1 | 1 = 1): number {
    const i = Math.max(lastAtOrBelow(this.paragraphStarts, offset), 0);
    const within = offset - this.paragraphStarts[i]!;
    const length = this.paragraphLengths[i]!;
    if (side === 1 && within >= length && i + 1 < this.paragraphStarts.length) return this.paragraphPositions[i + 1]!;
    if (side === -1 && within <= 0 && i > 0) return this.paragraphPositions[i - 1]! + this.paragraphLengths[i - 1]!;
    return this.paragraphPositions[i]! + Math.min(Math.max(within, 0), length);
  }

  /** The document range showing the text range [start, end), or null if it covers only newlines. */
  rangeAt(start: number, end: number): { from: number; to: number } | null {
    const from = this.positionAt(start, 1);
    const to = this.positionAt(end, -1);
    return from < to ? { from, to } : null;
  }
}

function lastAtOrBelow(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
