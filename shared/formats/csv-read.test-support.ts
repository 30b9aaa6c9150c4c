import { expect } from 'vitest';

// Shared by the CSV tests; not part of the export API.

/** A strict RFC 4180 reader (records end in CRLF; quoted fields may hold anything). */
export function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
        else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        expect(text[i]).not.toBe('\n');
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ',') i++;
    else {
      expect(text.slice(i, i + 2)).toBe('\r\n');
      i += 2;
      records.push(record);
      record = [];
    }
  }
  return records;
}
