import { binarySignatureOf } from './binary-signature.js';
import { importError, type ImportError } from './import-error.js';
import { firstInvalidUtf8Offset } from './utf8-validation.js';

/** The text encodings the importer reads. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * A file's bytes decoded to a string. A byte-order mark is kept as U+FEFF at the start, so that
 * `normaliseText` removes it and records that it did.
 */
export interface DecodedText {
  ok: true;
  text: string;
  encoding: TextEncodingName;
}

/** The decoded text, or why the bytes are not a text file we read. */
export type DecodeOutcome = DecodedText | { ok: false; error: ImportError };

/** The part of `TextDecoder` we use: present in Node and browsers, absent from the ES library. */
interface Utf8Decoder {
  decode(input: Uint8Array): string;
}
type Utf8DecoderConstructor = new (label: 'utf-8', options: { fatal: boolean; ignoreBOM: boolean }) => Utf8Decoder;

const UTF8_ADVICE = 'If it was saved in another encoding (such as Windows-1252 or Latin-1), save it as UTF-8 and import it again.';

/**
 * Decodes a text file (docs/GUARANTEES.md I1, I2): UTF-8 with or without a byte-order mark, UTF-16 LE or BE
 * when a byte-order mark says so. Refuses empty and whitespace-only files, NUL bytes (binary), and
 * invalid UTF-8 or UTF-16, naming the byte offset (and line) of the first bad byte. Never throws.
 */
export function decodeArticleBytes(file: string, bytes: Uint8Array): DecodeOutcome {
  if (bytes.length === 0) return fail(importError('empty', file, `${file} is empty.`));
  let decoded: DecodeOutcome;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) decoded = decodeUtf16(file, bytes, true);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) decoded = decodeUtf16(file, bytes, false);
  else decoded = decodeUtf8(file, bytes);
  if (!decoded.ok) return decoded;
  if (/^[\s\ufeff]*$/.test(decoded.text)) {
    return fail(importError('empty', file, `${file} contains only whitespace: there is no text to import.`));
  }
  return decoded;
}

function decodeUtf8(file: string, bytes: Uint8Array): DecodeOutcome {
  const nul = bytes.indexOf(0);
  if (nul !== -1) return fail(binaryError(file, bytes, nul));
  const invalidAt = firstInvalidUtf8Offset(bytes);
  if (invalidAt !== -1) {
    const signature = binarySignatureOf(bytes);
    if (signature) return fail(binaryError(file, bytes, null));
    const line = countLineFeeds(bytes, invalidAt) + 1;
    const byte = bytes[invalidAt]!.toString(16).toUpperCase().padStart(2, '0');
    return fail(
      importError(
        'invalid-utf8',
        file,
        `${file} is not valid UTF-8: byte 0x${byte} at offset ${invalidAt} (line ${line}) does not form a character. ${UTF8_ADVICE}`,
        { offset: invalidAt, line },
      ),
    );
  }
  const Decoder = (globalThis as unknown as { TextDecoder: Utf8DecoderConstructor }).TextDecoder;
  // Validated above, so a non-fatal decoder gives the same string without a second check.
  return { ok: true, text: new Decoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
}

function decodeUtf16(file: string, bytes: Uint8Array, littleEndian: boolean): DecodeOutcome {
  const encoding: TextEncodingName = littleEndian ? 'utf-16le' : 'utf-16be';
  const label = littleEndian ? 'UTF-16 LE' : 'UTF-16 BE';
  if (bytes.length % 2 !== 0) {
    return fail(
      importError(
        'invalid-utf16',
        file,
        `${file} starts with a ${label} byte-order mark but has an odd number of bytes (${bytes.length}): it is cut short or not UTF-16.`,
        { offset: bytes.length - 1 },
      ),
    );
  }
  const units = new Uint16Array(bytes.length / 2);
  for (let i = 0, j = 0; j < units.length; i += 2, j++) {
    units[j] = littleEndian ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!;
  }
  const badUnit = firstUnpairedSurrogate(units);
  if (badUnit !== -1) {
    return fail(
      importError(
        'invalid-utf16',
        file,
        `${file} is not valid ${label}: an unpaired surrogate at byte offset ${badUnit * 2} (line ${countUnits(units, badUnit, 0x0a) + 1}).`,
        { offset: badUnit * 2, line: countUnits(units, badUnit, 0x0a) + 1 },
      ),
    );
  }
  const nul = units.indexOf(0);
  if (nul !== -1) return fail(binaryError(file, bytes, nul * 2));
  let text = '';
  const CHUNK = 8192;
  for (let i = 0; i < units.length; i += CHUNK) {
    text += String.fromCharCode(...units.subarray(i, i + CHUNK));
  }
  return { ok: true, text, encoding };
}

function firstUnpairedSurrogate(units: Uint16Array): number {
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = units[i + 1];
      if (next === undefined || next < 0xdc00 || next > 0xdfff) return i;
      i++;
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      return i;
    }
  }
  return -1;
}

function binaryError(file: string, bytes: Uint8Array, nulOffset: number | null): ImportError {
  const signature = binarySignatureOf(bytes);
  const what = signature ? `looks like ${signature}, not text` : 'is not a text file';
  const where = nulOffset === null ? '' : ` (it has a NUL byte at offset ${nulOffset})`;
  const hint =
    nulOffset !== null && !signature && looksLikeUtf16WithoutBom(bytes)
      ? ' It may be UTF-16 without a byte-order mark: save it as UTF-8 and import it again.'
      : ' Import .txt, .md, .html, .json or .jsonl files.';
  return importError('binary', file, `${file} ${what}${where}.${hint}`, nulOffset === null ? {} : { offset: nulOffset });
}

/** ASCII text saved as UTF-16 without a mark: every other byte of the start is NUL. */
function looksLikeUtf16WithoutBom(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length - (bytes.length % 2), 64);
  if (n < 4) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  return evenNul === n / 2 || oddNul === n / 2;
}

function countLineFeeds(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < end; i = bytes.indexOf(0x0a, i + 1)) count++;
  return count;
}

function countUnits(units: Uint16Array, end: number, unit: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) if (units[i] === unit) count++;
  return count;
}

function fail(error: ImportError): DecodeOutcome {
  return { ok: false, error };
}
