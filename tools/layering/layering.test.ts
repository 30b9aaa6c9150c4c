import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importGraph, importSpecifiers } from './import-graph.js';
import { cycleFolderOf, findFolderCycles, findLayerViolations, isTestFile } from './layer-rules.js';

const ROOT = join(import.meta.dirname, '..', '..');
const LAYERED = ['main', 'renderer', 'shared', 'e2e', 'tools'];

/** Every TypeScript source under the layered folders of `root`, as repository paths. */
function sourcesUnder(root: string, folders = LAYERED): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name)) found.push(relative(root, path).split('\\').join('/'));
    }
  };
  for (const folder of folders) {
    try {
      walk(join(root, folder));
    } catch {
      // A folder this tree does not have.
    }
  }
  return found.sort();
}

describe('the layering of this repository', () => {
  const files = sourcesUnder(ROOT);
  const graph = importGraph(ROOT, files);

  it('has no import that crosses the layers the wrong way', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(findLayerViolations(graph).map((v) => `${v.file} imports ${v.imports}: ${v.why}`)).toEqual([]);
  });

  it('has no cycle between folders', () => {
    expect(findFolderCycles(graph, cycleFolderOf)).toEqual([]);
  });

  it('keeps every source file under 400 lines and the layout component under 200', () => {
    const shipped = files.filter((f) => !isTestFile(f) && !f.startsWith('e2e/'));
    const long = shipped.filter((f) => readFileSync(join(ROOT, f), 'utf8').split('\n').length > 400);
    expect(long).toEqual([]);
    expect(readFileSync(join(ROOT, 'renderer/src/App.tsx'), 'utf8').split('\n').length).toBeLessThan(200);
  });
});

describe('the layering check itself', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'corroborate-layering-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), text);
  };

  it('fails on a deliberate bad import in a real file: the renderer reaching into main', () => {
    write('main/storage/durable-write.ts', 'export const write = 1;\n');
    write('renderer/src/features/annotate/Bad.tsx', "import { write } from '../../../../main/storage/durable-write.js';\nexport const x = write;\n");
    const violations = findLayerViolations(importGraph(scratch, sourcesUnder(scratch)));
    expect(violations).toEqual([
      {
        file: 'renderer/src/features/annotate/Bad.tsx',
        imports: 'main/storage/durable-write.ts',
        why: 'renderer may import only shared, not storage',
      },
    ]);
  });

  it('names each kind of wrong import', () => {
    const graph = new Map([
      ['main/storage/a.ts', { files: ['main/workspace/store.ts'], modules: [] }],
      ['main/workspace/store.ts', { files: ['main/services/annotations.ts'], modules: [] }],
      ['main/faces/cli/stats.ts', { files: ['main/workspace/store.ts'], modules: [] }],
      ['main/services/annotations.ts', { files: [], modules: ['electron'] }],
      ['shared/model/a.ts', { files: [], modules: ['node:fs'] }],
      ['main/services/bench.ts', { files: ['e2e/support/host.ts'], modules: [] }],
      ['main/faces/shell/window.ts', { files: ['main/services/index.ts'], modules: ['electron'] }],
      ['main/services/index.test.ts', { files: ['main/faces/cli/stats.ts', 'tools/bench/run.ts'], modules: [] }],
      ['main/services/sync/sync.test.ts', { files: ['tools/git-server/git-server-process.ts'], modules: [] }],
      ['main/services/sync/sync.ts', { files: ['tools/git-server/git-server-process.ts'], modules: [] }],
    ]);
    expect(findLayerViolations(graph).map((v) => `${v.file} → ${v.imports}`)).toEqual([
      'main/storage/a.ts → main/workspace/store.ts',
      'main/workspace/store.ts → main/services/annotations.ts',
      'main/faces/cli/stats.ts → main/workspace/store.ts',
      'main/services/annotations.ts → electron',
      'shared/model/a.ts → node:fs',
      'main/services/bench.ts → e2e/support/host.ts',
      'main/services/index.test.ts → tools/bench/run.ts',
      'main/services/sync/sync.ts → tools/git-server/git-server-process.ts',
    ]);
  });

  it('finds a cycle between two folders, and none where imports go one way', () => {
    const cyclic = new Map([
      ['main/services/exports/a.ts', { files: ['main/services/imports/b.ts'] }],
      ['main/services/imports/b.ts', { files: ['main/services/exports/c.ts'] }],
      ['main/services/exports/c.ts', { files: [] }],
    ]);
    expect(findFolderCycles(cyclic, cycleFolderOf)).toEqual([['main/services/exports', 'main/services/imports']]);
    cyclic.set('main/services/imports/b.ts', { files: [] });
    expect(findFolderCycles(cyclic, cycleFolderOf)).toEqual([]);
  });

  it('reads static, dynamic, side-effect and re-export imports, and not those in comments', () => {
    const source = [
      "import type { A } from './a.js';",
      "import './styles.css';",
      "export { b } from '../b.js';",
      "const c = await import('./c.js');",
      "// import { d } from './d.js';",
      "/* import { e } from './e.js'; */",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual(['./a.js', './styles.css', '../b.js', './c.js']);
  });
});
