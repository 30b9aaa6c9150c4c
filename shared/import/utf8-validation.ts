/**
 * The byte offset where `bytes` stop being valid UTF-8, or -1 when all of it is valid. Follows the
 * WHATWG UTF-8 decoder, so it rejects exactly what `TextDecoder('utf-8', { fatal: true })` rejects:
 * stray continuation bytes, overlong forms, surrogates, code points above U+10FFFF and sequences cut
 * short. The offset is that of the first byte of the broken sequence.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let needed: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      needed = 1;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      needed = 2;
      if (lead === 0xe0) lower = 0xa0;
      if (lead === 0xed) upper = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      needed = 3;
      if (lead === 0xf0) lower = 0x90;
      if (lead === 0xf4) upper = 0x8f;
    } else {
      return i;
    }
    for (let k = 1; k <= needed; k++) {
      const next = bytes[i + k];
      if (next === undefined) return i;
      const min = k === 1 ? lower : 0x80;
      const max = k === 1 ? upper : 0xbf;
      if (next < min || next > max) return i;
    }
    i += needed + 1;
  }
  return -1;
}
