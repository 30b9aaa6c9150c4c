import type { Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/** A file's bytes and its stats, read through one handle so both describe the same version. */
export interface FileSnapshot {
  bytes: Buffer;
  stats: Stats;
}

/** Reads a file's bytes and stats through one open handle; null when the file does not exist. */
export async function readFileSnapshot(path: string): Promise<FileSnapshot | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const stats = await handle.stat();
    return { bytes: await handle.readFile(), stats };
  } finally {
    await handle.close();
  }
}
