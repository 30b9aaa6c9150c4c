/** Splits text into what a reader sees as characters (a flag, an emoji sequence, a letter with its marks). */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A text cut to at most `maxChars` characters for a message, a list or a label: cut after the last
 * whole word that fits and marked with an ellipsis, so a quoted text never ends mid-word. A single
 * word longer than that is cut between whole characters (never inside a flag, an emoji sequence or
 * a combining sequence). Runs of white space (line breaks included) read as one space.
 */
export function excerpt(text: string, maxChars: number): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  const characters = Array.from(graphemes.segment(flat), (s) => s.segment);
  if (characters.length <= maxChars) return flat;
  // What fits with the ellipsis, back to the last space inside it.
  const fits = characters.slice(0, maxChars);
  const lastSpace = fits.lastIndexOf(' ');
  const words = lastSpace > 0 ? fits.slice(0, lastSpace) : fits.slice(0, maxChars - 1);
  return `${words.join('').replace(/[\s,;:.\-–—]+$/u, '')}…`;
}
