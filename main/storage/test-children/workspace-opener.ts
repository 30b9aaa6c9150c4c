// Test child for the start race: opens a workspace the way the browser host and the CLI do
// (`openWorkbench`) once told `go`, and reports as a JSON line whether it got it or why not. It keeps
// the workspace until stdin ends. Usage: workspace-opener.ts <workspaceDir>
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openWorkbench, type OpenWorkbench } from '../../services/open-workbench.js';

const [workspaceDir] = process.argv.slice(2);
if (workspaceDir === undefined) throw new Error('usage: workspace-opener.ts <workspaceDir>');

const report = (event: string, extra: Record<string, unknown> = {}): void => {
  process.stdout.write(`${JSON.stringify({ event, pid: process.pid, ...extra })}\n`);
};
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

report('waiting');
for (let next = await lines.next(); !next.done && next.value !== 'go'; next = await lines.next());

let opened: OpenWorkbench | null = null;
try {
  opened = await openWorkbench({
    workspaceDir,
    holder: 'browser host',
    samplesDir: join(process.cwd(), 'fixtures', 'seeds'),
    env: { CORROBORATE_APP_DATA: `${workspaceDir}.appdata` },
  });
  report('opened');
} catch (error) {
  report('refused', { name: (error as Error).name, message: (error as Error).message });
}
while (!(await lines.next()).done);
await opened?.store.close();
