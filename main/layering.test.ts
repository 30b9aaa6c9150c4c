import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Who may import whom (the VS Code "code-layering" idea, as a test): shared/ is pure; only the
 * Electron shell in main/shell imports `electron`; the renderer reaches main only via the contract.
 */
const root = resolve(import.meta.dirname, '..');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name) && !/\.test\.ts$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

async function importsOf(file: string): Promise<string[]> {
  const source = await readFile(join(root, file), 'utf8');
  return [...source.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)].map(
    (m) => m[1] ?? m[2]!,
  );
}

describe('layering', () => {
  it('keeps shared/ free of Electron, Node, the DOM and the UI', async () => {
    const forbidden = /^(electron|node:|fs$|path$|os$|child_process$|react|prosemirror-view)/;
    for (const file of await sourceFiles('shared')) {
      for (const spec of await importsOf(file)) expect(spec, `${file} imports ${spec}`).not.toMatch(forbidden);
    }
  });

  it('lets only main/shell import electron', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles('main')) {
      if (file.startsWith(join('main', 'shell'))) continue;
      if ((await importsOf(file)).includes('electron')) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it('keeps the renderer off main/ and Node', async () => {
    for (const file of await sourceFiles('renderer')) {
      for (const spec of await importsOf(file)) {
        expect(spec, `${file} imports ${spec}`).not.toMatch(/^(electron|node:)|\/main\//);
      }
    }
  });
});
