// Test child for the curated layer's kill -9 test: opens a workspace as a curator would and adds
// curated annotations to one document as fast as it can, through the store (edit gate, coalescing
// writer, durable write), printing `ack <n>` once the curated annotation numbered n is durable.
// Usage: curated-layer-writer.ts <workspaceDir> <documentId>
import { fragmentAt } from '../../../shared/text/text-quote.js';
import { WorkspaceStore } from '../../workspace/workspace-store.js';

const [workspaceDir, documentId] = process.argv.slice(2);
if (workspaceDir === undefined || documentId === undefined) throw new Error('usage: curated-layer-writer.ts <workspaceDir> <documentId>');

const store = await WorkspaceStore.open(workspaceDir, { holder: 'cli', annotator: { id: 'cy-curator-0a1b2c', name: 'Cy Curator', email: '' } });
const meta = store.requireDocument(documentId);
const text = await store.readText(documentId);
const numberOf = (id: string) => Number(id.slice('kill-'.length));
let sequence = Math.max(0, ...(await store.curated.readAnnotations(documentId)).map((a) => numberOf(a.id)));
process.stdout.write(`ready ${sequence}\n`);

for (;;) {
  sequence += 1;
  const edit = sequence;
  // Within the text's first 40 characters (the test's text is plain there).
  const start = edit % Math.min(40, text.length - 5);
  store.curated
    .updateAnnotations(documentId, (current) => [
      ...current.filter((a) => numberOf(a.id) > edit - 12),
      {
        id: `kill-${edit}`,
        documentId,
        labelId: 'claim',
        fragments: [fragmentAt(text, { start, end: start + 5 })],
        contentHash: meta.contentHash,
        attributes: {},
        note: '',
        author: 'Cy Curator',
        annotator: 'curated',
        createdAt: '2026-12-10T10:00:00.000Z',
        updatedAt: '2026-12-10T10:00:00.000Z',
        orphaned: false,
      },
    ])
    .then(
      () => process.stdout.write(`ack ${edit}\n`),
      (error: unknown) => {
        process.stderr.write(`write failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  await new Promise((resolve) => setImmediate(resolve));
}
