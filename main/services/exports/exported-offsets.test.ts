import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sliceCodePoints } from '../../../shared/formats/test-fixtures.js';
import type { Annotation } from '../../../shared/model/annotation.js';
import type { OpenWorkbench } from '../open-workbench.js';
import { fixtureWorkspace } from './export.test-support.js';
import { exportToFolder } from './export-to-folder.js';

/**
 * Every offset pair each format writes, read back from the files on disk, slices the text that
 * export wrote to exactly the annotation's text (on the fixture's astral, combining, RTL and
 * multi-line spans). CoNLL is not here: it has token ids, not offsets (its own tests check tokens).
 */
let root: string;
let workbench: OpenWorkbench;
let byId: Map<string, Annotation>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'corroborate-offsets-'));
  workbench = await fixtureWorkspace(join(root, 'ws'));
  byId = new Map();
  for (const meta of workbench.store.workspace.documents) {
    for (const a of await workbench.store.readAnnotations(meta.id)) byId.set(a.id, a);
  }
});
afterAll(async () => {
  await workbench.store.close();
  await rm(root, { recursive: true, force: true });
});

async function exported(format: Parameters<typeof exportToFolder>[1]['format']): Promise<(path: string) => Promise<string>> {
  const summary = await exportToFolder(workbench.store, { format, destination: join(root, format) });
  expect(summary.leftOut).toEqual([]);
  return (path) => readFile(join(summary.destination, path), 'utf8');
}

function exactOf(annotationId: string, fragment: number): string {
  const annotation = byId.get(annotationId);
  expect(annotation, `annotation ${annotationId}`).toBeDefined();
  return annotation!.fragments[fragment]!.exact;
}

describe('every exported offset pair slices the exported text to the annotation’s text', () => {
  it('native (UTF-16)', async () => {
    const file = JSON.parse(await (await exported('native'))('corroborate-workspace.json'));
    let checked = 0;
    for (const document of file.documents) {
      for (const a of document.annotations) {
        a.fragments.forEach((f: { start: number; end: number }, i: number) => {
          expect(document.text.slice(f.start, f.end)).toBe(exactOf(a.id, i));
          checked++;
        });
      }
    }
    expect(checked).toBe(17);
  });

  it('W3C JSON-LD and JSONL (code points)', async () => {
    const texts = new Map<string, string>();
    for (const meta of workbench.store.workspace.documents) texts.set(`urn:${meta.contentHash}`, await workbench.store.readText(meta.id));
    const collection = JSON.parse(await (await exported('w3c'))('annotations.jsonld'));
    const lines = (await (await exported('w3c-jsonl'))('annotations.jsonl')).trimEnd().split('\n').map((l) => JSON.parse(l));
    for (const items of [collection.first.items, lines]) {
      let checked = 0;
      for (const item of items) {
        if (item.motivation === 'linking') continue;
        const id = String(item.id).replace('urn:uuid:', '');
        [item.target].flat().forEach((target: { source: string; selector: Array<Record<string, unknown>> }, i: number) => {
          const position = target.selector.find((s) => s.type === 'TextPositionSelector')!;
          const quote = target.selector.find((s) => s.type === 'TextQuoteSelector')!;
          const slice = sliceCodePoints(texts.get(target.source)!, position.start as number, position.end as number);
          expect(slice).toBe(quote.exact);
          expect(slice).toBe(exactOf(id, i));
          checked++;
        });
      }
      expect(checked).toBe(17);
    }
  });

  it('brat standoff (code points, on NAME.txt)', async () => {
    const read = await exported('brat');
    const names = (await readdir(join(root, 'brat'))).filter((n) => n.endsWith('.ann'));
    let spans = 0;
    for (const name of names) {
      const text = await read(name.replace(/\.ann$/, '.txt'));
      for (const line of (await read(name)).split('\n').filter((l) => l.startsWith('T'))) {
        const [, body, written] = line.split('\t') as [string, string, string];
        const pieces = body.split(' ').slice(1).join(' ').split(';').map((p) => p.split(' ').map(Number) as [number, number]);
        expect(pieces.map(([s, e]) => sliceCodePoints(text, s, e)).join(' ')).toBe(written);
        spans++;
      }
    }
    expect(spans).toBe(16);
  });

  it('JSONL (UTF-16 and code points)', async () => {
    const lines = (await (await exported('jsonl'))('documents.jsonl')).trimEnd().split('\n').map((l) => JSON.parse(l));
    let checked = 0;
    for (const line of lines) {
      for (const span of line.spans) {
        span.fragments.forEach((f: { utf16Start: number; utf16End: number; codePointStart: number; codePointEnd: number; text: string }, i: number) => {
          expect(line.text.slice(f.utf16Start, f.utf16End)).toBe(exactOf(span.id, i));
          expect(sliceCodePoints(line.text, f.codePointStart, f.codePointEnd)).toBe(exactOf(span.id, i));
          expect(f.text).toBe(exactOf(span.id, i));
          checked++;
        });
      }
    }
    expect(checked).toBe(17);
  });

  it('CSV (UTF-16 and code points, against documents.csv)', async () => {
    const read = await exported('csv');
    const documents = parseCsv(await read('documents.csv'));
    const texts = new Map(documents.map((row) => [row.document_id!, row.text!]));
    const rows = parseCsv(await read('annotations.csv'));
    for (const row of rows) {
      const text = texts.get(row.document_id!)!;
      const exact = exactOf(row.annotation_id!, Number(row.fragment_index));
      expect(text.slice(Number(row.start_utf16), Number(row.end_utf16))).toBe(exact);
      expect(sliceCodePoints(text, Number(row.start_code_point), Number(row.end_code_point))).toBe(exact);
      expect(row.text).toBe(exact);
    }
    expect(rows).toHaveLength(17);
  });

  it('Label Studio (code points, against data.text)', async () => {
    const tasks = JSON.parse(await (await exported('labelstudio'))('label-studio-tasks.json'));
    let checked = 0;
    for (const task of tasks) {
      for (const result of task.annotations.flatMap((a: { result: unknown[] }) => a.result)) {
        if (result.type !== 'labels') continue;
        const exact = exactOf(result.meta.annotation_id, result.meta.fragment - 1);
        expect(sliceCodePoints(task.data.text, result.value.start, result.value.end)).toBe(exact);
        expect(result.value.text).toBe(exact);
        checked++;
      }
    }
    expect(checked).toBe(17);
  });

  it('doccano (UTF-16, against text)', async () => {
    const lines = (await (await exported('doccano'))('doccano.jsonl')).trimEnd().split('\n').map((l) => JSON.parse(l));
    const labelNames = new Map(workbench.store.workspace.labels.map((l) => [l.name, l.id]));
    let checked = 0;
    for (const line of lines) {
      const expected = [...byId.values()]
        .filter((a) => a.fragments.some((f) => f.exact && line.text.slice(f.start, f.end) === f.exact))
        .flatMap((a) => a.fragments.map((f) => `${a.labelId}:${f.exact}`));
      for (const entity of line.entities) {
        expect(expected).toContain(`${labelNames.get(entity.label)}:${line.text.slice(entity.start_offset, entity.end_offset)}`);
        checked++;
      }
    }
    expect(checked).toBe(17);
  });
});

/** RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks) as rows keyed by the header. */
function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}
