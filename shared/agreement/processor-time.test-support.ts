/** Node's process, as far as this file needs it (shared/ is also compiled without Node's types). */
declare const process: { cpuUsage(since?: { user: number; system: number }): { user: number; system: number } };

/**
 * Runs `run` `runs` times and gives the least processor time one run took (user and system, in
 * milliseconds) with the last run's result. Processor time, not wall-clock time: on a shared two-core
 * machine the wall clock mostly measures the neighbours.
 */
export function fastestProcessorTime<T>(runs: number, run: () => T): { ms: number; result: T } {
  let fastest = Number.POSITIVE_INFINITY;
  let result: T | undefined;
  for (let k = 0; k < runs; k++) {
    const started = process.cpuUsage();
    result = run();
    const used = process.cpuUsage(started);
    fastest = Math.min(fastest, (used.user + used.system) / 1000);
  }
  return { ms: fastest, result: result as T };
}
