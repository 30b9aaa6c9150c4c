/**
 * `npm start`: launches the desktop app on the workspace (the default one with the sample articles
 * unless `--workspace DIR` is given). Where Electron cannot run — its binary missing and not
 * downloadable, or no display — says why in one sentence and serves the same workbench to a browser.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serveWorkbench } from '../host/serve.js';
import { locateElectronBinary, missingDisplayReason } from './electron-binary.js';

const USAGE = `Usage: npm start -- [--workspace DIR] [--browser]

  --workspace DIR   open this workspace folder (created empty if missing); default: the app-data workspace
  --browser         use the browser host even where the desktop app could run`;

/** A start that fails this quickly is taken as Electron being unable to run here. */
const EARLY_EXIT_MS = 5000;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: { workspace: { type: 'string' }, browser: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) return void process.stdout.write(`${USAGE}\n`);

  if (values.browser) return openInBrowser(values.workspace, null);
  // The display is checked first: without one there is no point fetching Electron.
  const noDisplay = missingDisplayReason();
  if (noDisplay) return openInBrowser(values.workspace, noDisplay);
  const binary = locateElectronBinary({ download: true });
  if ('missing' in binary) return openInBrowser(values.workspace, `the Electron binary is missing and ${binary.missing}`);

  const mainBundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'electron', 'main.js');
  const args = [mainBundle, ...(values.workspace ? ['--workspace', values.workspace] : [])];
  const started = Date.now();
  const child = spawn(binary.path, args, { stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (code !== 0 && Date.now() - started < EARLY_EXIT_MS) {
      void openInBrowser(values.workspace, `the desktop app could not start here (exit code ${code ?? signal})`);
    } else process.exit(code ?? 0);
  });
}

async function openInBrowser(workspaceDir: string | undefined, reason: string | null): Promise<void> {
  if (reason) process.stdout.write(`Corroborate is opening in your browser instead of the desktop app because ${reason}.\n`);
  await serveWorkbench({ workspaceDir, port: 0 }, (host, dir) => {
    process.stderr.write(`Workspace: ${dir}\n`);
    process.stdout.write(`Corroborate is running in your browser at ${host.url}\n`);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
