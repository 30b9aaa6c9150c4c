/** `text` as UTF-8 bytes, for tests. */
export function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** `text` as UTF-16 bytes (little- or big-endian), with a byte-order mark unless `bom` is false, for tests. */
export function utf16Bytes(text: string, littleEndian: boolean, bom = true): Uint8Array {
  const units = (bom ? '\ufeff' : '') + text;
  const bytes = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    bytes[2 * i] = littleEndian ? u & 0xff : u >> 8;
    bytes[2 * i + 1] = littleEndian ? u >> 8 : u & 0xff;
  }
  return bytes;
}
