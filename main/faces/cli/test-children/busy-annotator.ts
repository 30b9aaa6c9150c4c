// Test child for reading while another process writes: opens a workspace the way the app does (the
// lock held until it ends), adds the sample articles, then annotates, links and deletes in a loop,
// each edit awaited, printing one line once each is durable: `ack <annotationId>`, `link <linkId>`,
// `deleted <annotationId>`. Prints `ready` before the loop; stops, closing the workspace, when stdin ends.
// Usage: busy-annotator.ts <workspaceDir> <samplesDir>
import { join } from 'node:path';
import type { Annotation } from '../../../../shared/model/annotation.js';
import { openWorkbench } from '../../../services/open-workbench.js';

const [workspaceDir, samplesDir] = process.argv.slice(2);
if (workspaceDir === undefined || samplesDir === undefined) throw new Error('usage: busy-annotator.ts <workspaceDir> <samplesDir>');

const { api, store } = await openWorkbench({ workspaceDir, samplesDir, holder: 'desktop app', env: { CORROBORATE_APP_DATA: join(workspaceDir, '..', 'appdata') } });
await api.addSampleArticles();
const documents = await Promise.all((await api.listDocuments()).map((d) => api.openDocument({ documentId: d.id })));
let stopping = false;
process.stdin.on('end', () => (stopping = true)).resume();
process.stdout.write('ready\n');

const made: Annotation[] = [];
for (let edit = 0; !stopping; edit++) {
  const document = documents[edit % documents.length]!;
  const start = (edit * 37) % (document.text.length - 20);
  const annotation = await api.createAnnotation({ documentId: document.meta.id, labelId: ['claim', 'quote', 'fact'][edit % 3]!, ranges: [{ start, end: start + 12 }] });
  process.stdout.write(`ack ${annotation.id}\n`);
  const previous = made.at(-1);
  made.push(annotation);
  if (edit % 3 === 1 && previous && previous.documentId !== annotation.documentId) {
    const link = await api.createLink({
      typeId: 'supports',
      source: { documentId: previous.documentId, annotationId: previous.id },
      target: { documentId: annotation.documentId, annotationId: annotation.id },
    });
    process.stdout.write(`link ${link.id}\n`);
  }
  if (edit % 5 === 4) {
    const doomed = made.splice(0, 1)[0]!;
    await api.deleteAnnotation({ documentId: doomed.documentId, annotationId: doomed.id });
    process.stdout.write(`deleted ${doomed.id}\n`);
  }
}
await store.close();
process.stdout.write('closed\n');
