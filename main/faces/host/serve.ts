import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openWorkbench } from '../../services/open-workbench.js';
import { startBrowserHost, type BrowserHost } from './browser-host.js';
import { builtRendererDir } from './renderer-files.js';

/** How to call the browser host. */
export const SERVE_USAGE = `Usage: npm run serve -- [--workspace DIR] [--port N]

Serves the workbench to a browser on 127.0.0.1 only and prints the URL to open (with its per-run token).
  --workspace DIR   the workspace folder (created empty if missing); default: the app-data workspace
  --port N          the port to listen on; default: a free one`;

/** Options of the browser host command line. */
export interface ServeOptions {
  workspaceDir: string | undefined;
  port: number;
}

/** Parses `serve`'s arguments; throws with a message naming the bad argument. */
export function parseServeArgs(args: string[]): ServeOptions | 'help' {
  const { values } = parseArgs({
    args,
    options: { workspace: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) return 'help';
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${values.port}".`);
  return { workspaceDir: values.workspace, port };
}

/**
 * Opens a workspace and serves it; prints one stdout line with the URL. Stops on SIGINT and SIGTERM,
 * waiting for pending saves, and exits 0: edits that cannot be saved (a read-only or full disk) are
 * kept in a recovery file, named on stderr, and nothing that goes wrong while stopping crashes it.
 */
export async function serveWorkbench(options: ServeOptions, onReady: (host: BrowserHost, workspaceDir: string) => void): Promise<void> {
  const workbench = await openWorkbench({ workspaceDir: options.workspaceDir, holder: 'browser host', teamAutoSync: true });
  const rendererDir = builtRendererDir(dirname(fileURLToPath(import.meta.url)));
  const host = await startBrowserHost({ api: workbench.api, rendererDir, port: options.port });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`Received ${signal}: saving and stopping…\n`);
    await host.close().catch(() => undefined);
    const report = await workbench.close();
    for (const message of report.messages) process.stderr.write(`${message}\n`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  onReady(host, workbench.workspaceDir);
}
