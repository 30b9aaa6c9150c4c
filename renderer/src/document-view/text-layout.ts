import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { articleSchema } from './article-schema.js';

/** How big one section of the ProseMirror document may grow: it closes at whichever limit comes first. */
export interface SectionLimits {
  /** Most paragraphs in one section. */
  paragraphs: number;
  /** Characters after which a section closes (a paragraph is never split). */
  characters: number;
}

/**
 * Sections are the unit the view lays out lazily (`lazy-sections.ts`) and decoration lookups
 * descend through (docs/PERFORMANCE.md): small enough that one on screen is cheap to draw, large enough
 * that a 5 MB article has a few hundred of them, not tens of thousands.
 */
export const DEFAULT_SECTION_LIMITS: SectionLimits = { paragraphs: 100, characters: 16_000 };

/** Where one section sits: its node in the document and the text it shows. */
export interface SectionExtent {
  /** Document position before the section node. */
  from: number;
  /** Document position after the section node. */
  to: number;
  /** Text offset where its first paragraph starts. */
  start: number;
  /** Text offset where its last paragraph ends. */
  end: number;
  /** Characters of text in its paragraphs (newlines between them not counted). */
  characters: number;
  /** Text length of each of its paragraphs, and whether a blank line follows each. */
  paragraphs: readonly { length: number; gap: boolean }[];
}

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
  /** The sections, in document order. */
  readonly sections: readonly SectionExtent[];

  /** Lays out `text`, grouping its paragraphs into sections within `limits`. */
  constructor(
    readonly text: string,
    limits: SectionLimits = DEFAULT_SECTION_LIMITS,
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
    const extents: SectionExtent[] = [];
    let position = 0;
    for (let first = 0; first < lines.length; ) {
      const from = position;
      position += 1; // section opening
      const paragraphs: ProseMirrorNode[] = [];
      const shape: { length: number; gap: boolean }[] = [];
      const sectionStart = lines[first]!.start;
      let sectionEnd = sectionStart;
      let characters = 0;
      while (first < lines.length && paragraphs.length < limits.paragraphs && (paragraphs.length === 0 || characters < limits.characters)) {
        const { start: lineStart, line, gap } = lines[first++]!;
        const paragraph = articleSchema.nodes.paragraph!.create({ gap }, line ? articleSchema.text(line) : null);
        this.paragraphStarts.push(lineStart);
        this.paragraphLengths.push(line.length);
        this.paragraphPositions.push(position + 1);
        position += paragraph.nodeSize;
        paragraphs.push(paragraph);
        shape.push({ length: line.length, gap });
        characters += line.length;
        sectionEnd = lineStart + line.length;
      }
      position += 1; // section closing
      sections.push(articleSchema.nodes.section!.create(null, paragraphs));
      extents.push({ from, to: position, start: sectionStart, end: sectionEnd, characters, paragraphs: shape });
    }
    this.sections = extents;
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

  /** Index of the section holding document position `position` (a position between two sections counts for the one after). */
  sectionAt(position: number): number {
    let lo = 0;
    let hi = this.sections.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.sections[mid]!.from <= position) lo = mid;
      else hi = mid - 1;
    }
    return lo;
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
