import { describe, expect, it } from 'vitest';
import { collectExportedFiles } from './exported-file.js';
import { exportJsonLines } from './jsonl-export.js';
import { buildFixtureSnapshot, sliceCodePoints } from './test-fixtures.js';

describe('JSON Lines export', () => {
  const snapshot = buildFixtureSnapshot();
  const lines = collectExportedFiles(exportJsonLines(snapshot)).get('documents.jsonl')!.trimEnd().split('\n').map((l) => JSON.parse(l));

  it('writes one line per document with its text and metadata', () => {
    expect(lines.map((l) => l.documentId)).toEqual(snapshot.documents.map((d) => d.meta.id));
    expect(lines.map((l) => l.text)).toEqual(snapshot.documents.map((d) => d.text));
    expect(lines[1].sourceFile).toBe('riverton-update.txt');
  });

  it('gives UTF-16 and code-point offsets that both slice the text to the span text', () => {
    let count = 0;
    for (const line of lines) {
      for (const span of line.spans) {
        for (const f of span.fragments) {
          expect(line.text.slice(f.utf16Start, f.utf16End)).toBe(f.text);
          expect(sliceCodePoints(line.text, f.codePointStart, f.codePointEnd)).toBe(f.text);
          count++;
        }
        expect(span.text).toBe(span.fragments.map((f: { text: string }) => f.text).join(' '));
      }
    }
    expect(count).toBe(snapshot.documents.flatMap((d) => d.annotations).reduce((n, a) => n + a.fragments.length, 0));
  });

  it('lists every link touching a document, with the other end', () => {
    const [a, b, c] = lines;
    expect(a.links).toHaveLength(7); // in-document links appear once as source and once as target
    expect(b.links.find((l: { id: string }) => l.id.endsWith('3'))).toMatchObject({
      typeId: 'same',
      role: 'source',
      spanId: 'b1000000-0000-4000-8000-000000000001',
      otherDocumentId: 'c0000000-0000-4000-8000-00000000000c',
      otherSpanId: 'c1000000-0000-4000-8000-000000000001',
      directed: false,
    });
    expect(c.links.map((l: { role: string }) => l.role).sort()).toEqual(['source', 'target', 'target']);
  });
});
