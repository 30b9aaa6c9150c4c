/** Entry point of `npm run serve`: the browser host on its own. */
import { parseServeArgs, serveWorkbench, SERVE_USAGE } from './serve.js';

async function main(): Promise<void> {
  let options;
  try {
    options = parseServeArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${SERVE_USAGE}\n`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(`${SERVE_USAGE}\n`);
    return;
  }
  await serveWorkbench(options, (host, workspaceDir) => {
    process.stderr.write(`Workspace: ${workspaceDir}\n`);
    process.stdout.write(`Corroborate is running in your browser at ${host.url}\n`);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
