import { describe, expect, it } from 'vitest';
import { parseCrossDocumentLinks } from './cross-document-links.js';
import { collectExportedFiles } from './exported-file.js';
import { exportLabelStudio } from './label-studio-export.js';
import { buildFixtureSnapshot, sliceCodePoints } from './test-fixtures.js';

interface Result {
  id?: string;
  type: string;
  from_name?: string;
  from_id?: string;
  to_id?: string;
  direction?: string;
  labels?: string[];
  value?: { start: number; end: number; text: string; labels?: string[]; choices?: string[] };
  meta?: { annotation_id: string; fragment: number; text?: string[] };
}

function tasks(options?: Parameters<typeof exportLabelStudio>[1]) {
  const files = collectExportedFiles(exportLabelStudio(buildFixtureSnapshot(), options));
  return { files, tasks: JSON.parse(files.get('label-studio-tasks.json')!) as Array<{ id: number; data: { text: string; document_id: string }; annotations: Array<{ result: Result[] }> }> };
}

describe('Label Studio export', () => {
  it('writes tasks, a labeling config and the cross-document side file', () => {
    const { files, tasks: list } = tasks();
    expect([...files.keys()]).toEqual(['label-studio-tasks.json', 'label-studio-config.xml', 'cross-document-links.tsv']);
    expect(list.map((t) => t.id)).toEqual([1, 2, 3]);
    const config = files.get('label-studio-config.xml')!;
    expect(config).toContain('<Label value="Quote" background="#3b82f6"/>');
    expect(config).toContain('<Relation value="Same"/>');
    expect(config).toContain('<TextArea name="attr_death_toll" toName="text" perRegion="true" maxSubmissions="1"/>');
    expect(config).toContain('<Choice value="unverifiable"/>');
  });

  it('gives code-point offsets that slice the task text to the region text', () => {
    const snapshot = buildFixtureSnapshot();
    let regions = 0;
    for (const task of tasks().tasks) {
      for (const r of task.annotations[0]!.result.filter((x) => x.type === 'labels' || x.type === 'choices')) {
        expect(sliceCodePoints(task.data.text, r.value!.start, r.value!.end)).toBe(r.value!.text);
        if (r.type === 'labels') regions++;
      }
    }
    expect(regions).toBe(snapshot.documents.flatMap((d) => d.annotations).reduce((n, a) => n + a.fragments.length, 0));
  });

  it('gives UTF-16 offsets when asked', () => {
    for (const task of tasks({ offsetUnit: 'utf16' }).tasks) {
      for (const r of task.annotations[0]!.result.filter((x) => x.type === 'labels')) expect(task.data.text.slice(r.value!.start, r.value!.end)).toBe(r.value!.text);
    }
  });

  it('ties the fragments of a discontinuous span by id and meta, and adds notes and attributes', () => {
    const result = tasks().tasks[0]!.annotations[0]!.result;
    const pieces = result.filter((r) => r.type === 'labels' && r.meta!.annotation_id === 'a1000000-0000-4000-8000-000000000005');
    expect(pieces.map((p) => [p.id, p.value!.text])).toEqual([
      ['a1000000-0000-4000-8000-000000000005', 'Families 👨‍👩‍👧'],
      ['a1000000-0000-4000-8000-000000000005#2', '10\u00a0km away'],
    ]);
    expect(pieces[0]!.meta!.text).toEqual(['discontinuous']);
    const verbatim = result.find((r) => r.from_name === 'attr_verbatim' && r.id === 'a1000000-0000-4000-8000-000000000002')!;
    expect(verbatim).toMatchObject({ type: 'choices', value: { choices: ['true'], text: 'We will rebuild.' } });
  });

  it('writes links inside a task as relations and the others to the side file', () => {
    const { files, tasks: list } = tasks();
    const relations = list[0]!.annotations[0]!.result.filter((r) => r.type === 'relation');
    expect(relations).toEqual([
      { from_id: 'a1000000-0000-4000-8000-000000000004', to_id: 'a1000000-0000-4000-8000-000000000001', type: 'relation', direction: 'right', labels: ['Supports'] },
      { from_id: 'a1000000-0000-4000-8000-000000000005', to_id: 'a1000000-0000-4000-8000-000000000003', type: 'relation', direction: 'bi', labels: ['Contradicts'] },
    ]);
    const side = parseCrossDocumentLinks(files.get('cross-document-links.tsv')!, 'side.tsv');
    expect(side.ok && side.value.map((r) => `${r.source.document}:${r.source.span} ${r.type} ${r.target.document}:${r.target.span}`)).toEqual([
      '1:a1000000-0000-4000-8000-000000000002 same 2:b1000000-0000-4000-8000-000000000002',
      '1:a1000000-0000-4000-8000-000000000003 paraphrase 2:b1000000-0000-4000-8000-000000000001',
      '2:b1000000-0000-4000-8000-000000000001 same 3:c1000000-0000-4000-8000-000000000001',
      '2:b1000000-0000-4000-8000-000000000003 contradicts 1:a1000000-0000-4000-8000-000000000007',
    ]);
  });
});
