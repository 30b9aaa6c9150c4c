import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the folder of sample articles (`fixtures/seeds`): `CORROBORATE_SAMPLES_DIR` if set, else the
 * nearest `fixtures/seeds` above this module (source tree, bundle in dist/, or packaged resources).
 */
export function sampleArticlesDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CORROBORATE_SAMPLES_DIR) return env.CORROBORATE_SAMPLES_DIR;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'fixtures', 'seeds');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('The sample articles (fixtures/seeds) could not be found.');
    dir = parent;
  }
}

/** The sample article files, in name order. */
export async function sampleArticleFiles(dir: string = sampleArticlesDir()): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.txt')).sort();
  return names.map((name) => join(dir, name));
}
