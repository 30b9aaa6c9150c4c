import { describe, expect, it } from 'vitest';
import { decodeArticleBytes } from './decode-article-bytes.js';
import { firstInvalidUtf8Offset } from './utf8-validation.js';
import fc from 'fast-check';
import { utf16Bytes, utf8Bytes } from './encoded-text.test-support.js';

const utf8 = utf8Bytes;
const utf16 = utf16Bytes;

describe('decodeArticleBytes', () => {
  it('decodes UTF-8 without a byte-order mark', () => {
    expect(decodeArticleBytes('a.txt', utf8('Café “quoted” 👍🏽'))).toEqual({ ok: true, text: 'Café “quoted” 👍🏽', encoding: 'utf-8' });
  });

  it('keeps a UTF-8 byte-order mark as U+FEFF for normaliseText to remove and record', () => {
    const decoded = decodeArticleBytes('a.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Hello')]));
    expect(decoded).toEqual({ ok: true, text: '\ufeffHello', encoding: 'utf-8' });
  });

  it.each([true, false])('decodes UTF-16 (little-endian: %s) by its byte-order mark, astral characters included', (le) => {
    const decoded = decodeArticleBytes('a.txt', utf16('Grüße 👍🏽\r\nline two', le));
    expect(decoded).toEqual({ ok: true, text: '\ufeffGrüße 👍🏽\r\nline two', encoding: le ? 'utf-16le' : 'utf-16be' });
  });

  it('refuses UTF-16 with an odd number of bytes', () => {
    const bytes = new Uint8Array([...utf16('abc', true), 0x41]);
    const decoded = decodeArticleBytes('odd.txt', bytes);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) {
      expect(decoded.error).toMatchObject({ kind: 'invalid-utf16', file: 'odd.txt', offset: 8 });
      expect(decoded.error.message).toMatch(/odd\.txt.*odd number of bytes/);
    }
  });

  it('refuses UTF-16 with an unpaired surrogate, naming its byte offset and line', () => {
    const decoded = decodeArticleBytes('lone.txt', utf16('ab\ncd\ud800x', true));
    expect(decoded).toMatchObject({ ok: false, error: { kind: 'invalid-utf16', offset: 12, line: 2 } });
  });

  it('refuses invalid UTF-8 naming the byte offset and the line', () => {
    const bytes = new Uint8Array([...utf8('first line\nsecond '), 0xe9, ...utf8('t\u00e9\n')]);
    const decoded = decodeArticleBytes('latin1.txt', bytes);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) {
      expect(decoded.error).toMatchObject({ kind: 'invalid-utf8', file: 'latin1.txt', offset: 18, line: 2 });
      expect(decoded.error.message).toContain('latin1.txt');
      expect(decoded.error.message).toContain('0xE9 at offset 18 (line 2)');
    }
  });

  it('refuses NUL bytes as binary, naming the offset', () => {
    const decoded = decodeArticleBytes('data.txt', new Uint8Array([0x61, 0x62, 0x00, 0x63]));
    expect(decoded).toMatchObject({ ok: false, error: { kind: 'binary', file: 'data.txt', offset: 2 } });
  });

  it('names known binary kinds', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);
    const decoded = decodeArticleBytes('photo.txt', png);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error.message).toMatch(/photo\.txt looks like a PNG image/);
    const pdf = new Uint8Array([...utf8('%PDF-1.7\n%'), 0xe2, 0xe3, 0xcf, 0xd3]);
    expect(decodeArticleBytes('paper.txt', pdf)).toMatchObject({ ok: false, error: { kind: 'binary' } });
  });

  it('suggests UTF-16 without a byte-order mark when every other byte is NUL', () => {
    const decoded = decodeArticleBytes('nobom.txt', utf16('Hello there, world', true, false));
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error.message).toMatch(/UTF-16 without a byte-order mark/);
  });

  it('refuses empty and whitespace-only files (a lone byte-order mark included)', () => {
    expect(decodeArticleBytes('e.txt', new Uint8Array())).toMatchObject({ ok: false, error: { kind: 'empty', message: 'e.txt is empty.' } });
    for (const blank of [' \n\t\r\n', '\u00a0 \u2003', '\ufeff \n']) {
      expect(decodeArticleBytes('w.txt', utf8(blank))).toMatchObject({ ok: false, error: { kind: 'empty' } });
    }
    expect(decodeArticleBytes('w.txt', utf16(' \n ', false))).toMatchObject({ ok: false, error: { kind: 'empty' } });
  });
});

describe('firstInvalidUtf8Offset', () => {
  it.each([
    ['stray continuation', [0x41, 0x80], 1],
    ['overlong two-byte', [0xc0, 0xaf], 0],
    ['overlong three-byte', [0xe0, 0x80, 0xaf], 0],
    ['surrogate', [0x41, 0xed, 0xa0, 0x80], 1],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['cut short', [0x41, 0x42, 0xe2, 0x82], 2],
    ['invalid lead', [0xff], 0],
  ])('finds %s', (_name, bytes, offset) => {
    expect(firstInvalidUtf8Offset(new Uint8Array(bytes))).toBe(offset);
  });

  it('agrees with a fatal TextDecoder on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8Offset(bytes) === -1).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});
