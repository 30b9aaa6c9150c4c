/** Splits text into what a reader sees as characters (a flag, an emoji sequence, a letter with its marks). */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** UTF-16 units read per character wanted: enough for flags, emoji sequences and stacked marks. */
const MAX_UNITS_PER_CHARACTER = 8;

/**
 * A text cut to at most `maxChars` characters for a message, a list or a label: cut after the last
 * whole word that fits and marked with an ellipsis, so a quoted text never ends mid-word. A single
 * word longer than that is cut between whole characters (never inside a flag, an emoji sequence or
 * a combining sequence). Runs of white space (line breaks included) read as one space.
 */
export function excerpt(text: string, maxChars: number): string {
  // Only the start is read: an annotation's text may be megabytes long, and this runs on every render.
  const head = text.slice(0, maxChars * MAX_UNITS_PER_CHARACTER);
  const headOnly = head.length < text.length;
  const flat = head.replace(/\s+/gu, ' ').trimStart();
  const characters = Array.from(graphemes.segment(flat), (s) => s.segment);
  if (characters.length <= maxChars && !headOnly) return flat.trimEnd();
  // What fits with the ellipsis, back to the last space inside it.
  const fits = characters.slice(0, maxChars);
  const lastSpace = fits.lastIndexOf(' ');
  const words = lastSpace > 0 ? fits.slice(0, lastSpace) : fits.slice(0, maxChars - 1);
  return `${words.join('').replace(/[\s,;:.\-–—]+$/u, '')}…`;
}
