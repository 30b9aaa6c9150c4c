// Test child for flushBeforeExit: holds the workspace lock and saves edits in a loop; on SIGTERM it
// stops editing, prints `last-edit <n>`, flushes and exits. Usage: signal-flusher.ts <workspaceDir>
import { join } from 'node:path';
import { Low } from 'lowdb';
import { CoalescingWriter } from '../coalescing-writer.js';
import { DurableJsonFile } from '../durable-json-file.js';
import { flushBeforeExit } from '../flush-before-exit.js';
import { annotationFileOptions, sampleAnnotation, sampleAnnotationFile } from '../test-support.js';
import { WorkspaceLock } from '../workspace-lock.js';

const [workspaceDir] = process.argv.slice(2);
if (workspaceDir === undefined) throw new Error('usage: signal-flusher.ts <workspaceDir>');

await WorkspaceLock.acquire(workspaceDir, 'browser host');
const writer = new CoalescingWriter(new DurableJsonFile(join(workspaceDir, 'doc-1.json'), annotationFileOptions));
const db = new Low(writer, sampleAnnotationFile(0));
await db.read();
let stopped = false;
let sequence = 0;
flushBeforeExit(async () => {
  stopped = true;
  process.stdout.write(`last-edit ${sequence} unsaved ${writer.hasUnsavedData}\n`);
  await writer.flush();
});
process.stdout.write('ready\n');
while (!stopped) {
  sequence += 1;
  db.data.annotations = [sampleAnnotation(sequence)];
  void db.write();
  await new Promise((resolve) => setImmediate(resolve));
}
