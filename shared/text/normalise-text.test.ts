import { describe, expect, it } from 'vitest';
import { normaliseText } from './normalise-text.js';

describe('normaliseText', () => {
  it('removes a BOM, rewrites CRLF and CR to LF and applies NFC, recording each', () => {
    expect(normaliseText('\uFEFFa\r\nb\rc')).toEqual({
      text: 'a\nb\nc',
      normalisation: { bomRemoved: true, lineEndings: 'mixed', nfcApplied: false },
    });
    expect(normaliseText('cafe\u0301\r\n').normalisation).toEqual({ bomRemoved: false, lineEndings: 'crlf', nfcApplied: true });
    expect(normaliseText('cafe\u0301\r\n').text).toBe('café\n');
  });

  it('leaves LF text with NBSPs and RTL script as it is', () => {
    const text = 'Imola\u00a0GP\nשלום עולם\n';
    expect(normaliseText(text)).toEqual({ text, normalisation: { bomRemoved: false, lineEndings: 'lf', nfcApplied: false } });
  });
});

describe('normaliseText is idempotent', () => {
  it('removes every leading byte-order mark, so a second pass changes nothing', () => {
    const once = normaliseText('\uFEFF\uFEFF<p>\r\n');
    expect(once.text).toBe('<p>\n');
    expect(normaliseText(once.text).text).toBe(once.text);
  });
});
