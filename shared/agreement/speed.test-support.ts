/**
 * Test support for the speed tests of the agreement measures: processor time, and seeded random
 * numbers so that their data are the same on every run.
 */

/**
 * How much processor time `work` takes in this process. Unlike the clock on the wall, it does not
 * grow when other processes share the machine, so a speed test stays honest on a busy runner.
 */
export function cpuMillisecondsOf<T>(work: () => T): { result: T; milliseconds: number } {
  const before = nodeProcess.cpuUsage();
  const result = work();
  const used = nodeProcess.cpuUsage(before);
  return { result, milliseconds: (used.user + used.system) / 1000 };
}

/** Random numbers in [0, 1) from `seed` (mulberry32): the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Processor time used, in microseconds. */
interface CpuUsage {
  user: number;
  system: number;
}

/** Node's `process`, typed here because every type check of shared/ (the renderer's too) reads this file; the tests run on Node. */
const nodeProcess = (globalThis as unknown as { process: { cpuUsage(since?: CpuUsage): CpuUsage } }).process;
