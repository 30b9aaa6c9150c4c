import type { TextRange } from '../model/annotation.js';

/**
 * Characters at which Python's `str.splitlines` (and so brat, reading `.ann` files line by line)
 * breaks a line: a brat span must not contain one.
 */
export const BRAT_LINE_BREAK = /[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]/;

/**
 * The brat pieces of an annotation's fragments (UTF-16 ranges): every fragment split at line
 * breaks, the line-break characters themselves left out, empty pieces dropped. A fragment that
 * spans lines becomes several pieces, so brat shows it as a discontinuous span.
 */
export function bratPieces(text: string, fragments: readonly TextRange[]): TextRange[] {
  const pieces: TextRange[] = [];
  for (const { start, end } of fragments) {
    let pieceStart = start;
    for (let i = start; i < end; i++) {
      if (isLineBreak(text.charCodeAt(i))) {
        if (i > pieceStart) pieces.push({ start: pieceStart, end: i });
        pieceStart = i + 1;
      }
    }
    if (end > pieceStart) pieces.push({ start: pieceStart, end });
  }
  return pieces;
}

/**
 * Joins pieces read from brat back into fragments: two neighbouring pieces become one when only
 * line breaks lie between them (undoing `bratPieces`). A fragment whose gap was exactly line
 * breaks, or that began or ended with one, therefore comes back in this canonical form.
 */
export function joinBratPieces(text: string, pieces: readonly TextRange[]): TextRange[] {
  const joined: TextRange[] = [];
  for (const piece of pieces) {
    const last = joined[joined.length - 1];
    if (last && piece.start > last.end && isOnlyLineBreaks(text, last.end, piece.start)) last.end = piece.end;
    else joined.push({ ...piece });
  }
  return joined;
}

function isOnlyLineBreaks(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isLineBreak(text.charCodeAt(i))) return false;
  return true;
}

/** Whether a UTF-16 unit is one of the `BRAT_LINE_BREAK` characters (all are in the BMP). */
function isLineBreak(c: number): boolean {
  return (c >= 0x0a && c <= 0x0d) || (c >= 0x1c && c <= 0x1e) || c === 0x85 || c === 0x2028 || c === 0x2029;
}
