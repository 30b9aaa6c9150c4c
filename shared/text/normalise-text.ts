import type { TextNormalisation } from '../model/document.js';

/** Stored text plus the record of what was done to get it. */
export interface NormalisedText {
  text: string;
  normalisation: TextNormalisation;
}

/**
 * Normalises imported text once, the way every stored document is (docs/GUARANTEES.md T2): removes a
 * leading byte-order mark, rewrites CRLF and lone CR to LF, and puts the text in Unicode NFC.
 * Offsets of annotations always refer to the result.
 */
export function normaliseText(raw: string): NormalisedText {
  // Every leading U+FEFF goes (files saved twice with a BOM carry two), so normalising is idempotent.
  let text = raw.replace(/^\uFEFF+/, '');
  const bomRemoved = text.length !== raw.length;
  const lineEndings = detectLineEndings(text);
  if (lineEndings !== 'lf' && lineEndings !== 'none') text = text.replace(/\r\n?/g, '\n');
  const nfc = text.normalize('NFC');
  return { text: nfc, normalisation: { bomRemoved, lineEndings, nfcApplied: nfc !== text } };
}

function detectLineEndings(text: string): TextNormalisation['lineEndings'] {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const cr = (text.match(/\r(?!\n)/g) ?? []).length;
  const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
  const kinds = [crlf > 0, cr > 0, lf > 0].filter(Boolean).length;
  if (kinds === 0) return 'none';
  if (kinds > 1) return 'mixed';
  return crlf > 0 ? 'crlf' : cr > 0 ? 'cr' : 'lf';
}
