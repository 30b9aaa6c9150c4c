// Test child for the kill -9 test: appends edits to one annotation file as fast as it can through
// lowdb + CoalescingWriter + DurableJsonFile (with backups) and prints `ack <n>` once edit n is durable.
// Usage: edit-log-writer.ts <file> <workspaceDir>
import { Low } from 'lowdb';
import { CoalescingWriter } from '../coalescing-writer.js';
import { DurableJsonFile } from '../durable-json-file.js';
import { annotationFileOptions, highestSequence, sampleAnnotation, sampleAnnotationFile } from '../test-support.js';

const [path, workspaceDir] = process.argv.slice(2);
if (path === undefined || workspaceDir === undefined) throw new Error('usage: edit-log-writer.ts <file> <workspaceDir>');

const file = new DurableJsonFile(path, { ...annotationFileOptions, backups: { workspaceDir, keepRecent: 5, minIntervalMs: 0 } });
const db = new Low(new CoalescingWriter(file), sampleAnnotationFile(0));
await db.read();
let sequence = highestSequence(db.data);
process.stdout.write(`ready ${sequence}\n`);

for (;;) {
  sequence += 1;
  const edit = sequence;
  db.data.annotations.push(sampleAnnotation(edit));
  if (db.data.annotations.length > 12) db.data.annotations.shift(); // keep the file at about 6 KB
  db.write().then(
    () => process.stdout.write(`ack ${edit}\n`),
    (error: unknown) => {
      process.stderr.write(`write failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
  // Let the write proceed; several edits pile up behind each write in flight and coalesce.
  await new Promise((resolve) => setImmediate(resolve));
}
