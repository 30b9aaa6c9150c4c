// Test child for the EACCES test, run as an unprivileged user: opens an annotation file, tries to
// save new edits and reports what happened as JSON lines; on a `retry` line from stdin it retries.
// Usage: fault-writer.ts <file>
import { createInterface } from 'node:readline';
import { CoalescingWriter } from '../coalescing-writer.js';
import { DurableJsonFile } from '../durable-json-file.js';
import { annotationFileOptions, highestSequence, sampleAnnotationFile } from '../test-support.js';

const [path] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: fault-writer.ts <file>');

const report = (event: string, extra: Record<string, unknown> = {}): void => {
  process.stdout.write(`${JSON.stringify({ event, uid: process.getuid?.(), ...extra })}\n`);
};
const describe = (error: unknown) => ({
  code: (error as NodeJS.ErrnoException).code,
  message: String((error as Error).message),
});

const file = new DurableJsonFile(path, annotationFileOptions);
const writer = new CoalescingWriter(file);
const loaded = await file.read();
report('opened', { highest: loaded === null ? null : highestSequence(loaded) });
try {
  await writer.write(sampleAnnotationFile(8, 100));
  report('saved');
} catch (error) {
  report('failed', { ...describe(error), status: writer.status.kind, unsavedHighest: highestSequence(writer.unsavedData!) });
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'retry') continue;
  try {
    await writer.retry();
    report('saved', { unsaved: writer.hasUnsavedData });
  } catch (error) {
    report('failed', describe(error));
  }
}
