import { constants } from 'node:os';

/** What `flushBeforeExit` listens for and whom it tells about a failed flush. */
export interface FlushBeforeExitOptions {
  /** The signals that end the process after a flush (default SIGINT, SIGTERM, SIGHUP). */
  signals?: readonly NodeJS.Signals[];
  /** Told when the flush fails, before the process exits anyway (default: written to stderr). */
  onFlushError?: (error: unknown) => void;
}

/**
 * Makes SIGINT / SIGTERM / SIGHUP wait for `flush` (pending saves reaching the disk) before the
 * process exits with the conventional status (128 + signal number), so 'exit' handlers such as the
 * workspace lock's run too. A second signal while flushing exits at once. For the browser host and
 * the CLI; the desktop app flushes from Electron's quit events instead. Returns an uninstaller.
 */
export function flushBeforeExit(flush: () => Promise<void>, options: FlushBeforeExitOptions = {}): () => void {
  const signals = options.signals ?? ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onFlushError =
    options.onFlushError ??
    ((error: unknown) => process.stderr.write(`Could not save everything before exiting: ${String(error)}\n`));
  let flushing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    const status = 128 + (constants.signals[signal] ?? 0);
    if (flushing) process.exit(status);
    flushing = true;
    flush().then(
      () => process.exit(status),
      (error: unknown) => {
        onFlushError(error);
        process.exit(status);
      },
    );
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
