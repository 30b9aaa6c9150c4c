// Test child for the workspace lock: tries to take the lock of a folder and reports as JSON lines.
// Stdin commands: `go` (when started with --wait-for-go), `release`, `exit` (exit without releasing).
// Usage: lock-holder.ts <workspaceDir> <holder> [--wait-for-go]
import { createInterface } from 'node:readline';
import { WorkspaceLock, WorkspaceLockedError, type WorkspaceLockHolder } from '../workspace-lock.js';

const [workspaceDir, holder, flag] = process.argv.slice(2);
if (workspaceDir === undefined || holder === undefined) throw new Error('usage: lock-holder.ts <dir> <holder>');

const report = (event: string, extra: Record<string, unknown> = {}): void => {
  process.stdout.write(`${JSON.stringify({ event, pid: process.pid, ...extra })}\n`);
};
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const nextCommand = async (): Promise<string | null> => {
  const next = await lines.next();
  return next.done === true ? null : next.value;
};

if (flag === '--wait-for-go') {
  report('waiting');
  while ((await nextCommand()) !== 'go');
}

let lock: WorkspaceLock | null = null;
try {
  lock = await WorkspaceLock.acquire(workspaceDir, holder as WorkspaceLockHolder);
  report('acquired');
} catch (error) {
  if (!(error instanceof WorkspaceLockedError)) throw error;
  report('locked', { message: error.message, heldByPid: error.heldBy?.pid ?? null });
}

for (let command = await nextCommand(); command !== null; command = await nextCommand()) {
  if (command === 'release') {
    await lock?.release();
    report('released');
  } else if (command === 'exit') {
    process.exit(0); // the lock's exit handler removes the lock file
  }
}
