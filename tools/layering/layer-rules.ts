/**
 * Who may import whom. The repository is layered so that each part can be understood, tested and
 * replaced on its own:
 *
 *   main/faces (Electron shell, browser host, CLI, launcher)  — transports only
 *     → main/services (one per contract domain)
 *       → main/workspace (the store: folder layout, lock, import commits, check, migrations)
 *         → main/storage (durable files: atomic writes, backups, the lock file)
 *           → shared (the pure model, the contract, anchoring, formats)
 *
 * The renderer reaches main only through the contract (shared/api) and never imports main/. Nothing
 * shipped (main/, renderer/, shared/) imports e2e/ or tools/, which are test and build tooling.
 * Test files may set up real parts across layers (a renderer test may run the real services), but
 * they too never reach into e2e/ or tools/, except the test servers kept there for every suite
 * (`TEST_SERVERS`: the git server the sync tests push to).
 */

/** One layer: the files it holds (path prefixes) and the layers its files may import. */
export interface Layer {
  name: string;
  /** Path prefixes (relative to the repository root, with `/`) of the files in this layer. */
  holds: readonly string[];
  /** Layers this one may import (besides itself). */
  mayImport: readonly string[];
  /** Bare module specifiers this layer must not import (prefix match, e.g. `node:` or `electron`). */
  forbiddenModules: readonly string[];
}

/** Node's own modules, which shared/ and the renderer never import. */
const NODE_BUILTINS = ['node:', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'url', 'worker_threads', 'stream', 'util'];

/** The layers of this repository, from the top down; the first layer whose prefix matches a file holds it. */
export const LAYERS: readonly Layer[] = [
  { name: 'shell', holds: ['main/faces/shell/'], mayImport: ['faces', 'services', 'shared'], forbiddenModules: [] },
  { name: 'faces', holds: ['main/faces/'], mayImport: ['services', 'shared'], forbiddenModules: ['electron'] },
  { name: 'services', holds: ['main/services/'], mayImport: ['workspace', 'storage', 'shared'], forbiddenModules: ['electron'] },
  { name: 'workspace', holds: ['main/workspace/'], mayImport: ['storage', 'shared'], forbiddenModules: ['electron'] },
  { name: 'storage', holds: ['main/storage/'], mayImport: ['shared'], forbiddenModules: ['electron'] },
  { name: 'renderer', holds: ['renderer/'], mayImport: ['shared'], forbiddenModules: ['electron', ...NODE_BUILTINS] },
  { name: 'shared', holds: ['shared/'], mayImport: [], forbiddenModules: ['electron', 'react', 'prosemirror-view', ...NODE_BUILTINS] },
  { name: 'e2e', holds: ['e2e/'], mayImport: ['tools', 'shared', 'shell', 'faces', 'services', 'workspace', 'storage'], forbiddenModules: [] },
  { name: 'tools', holds: ['tools/'], mayImport: ['shell', 'faces', 'services', 'workspace', 'storage', 'renderer', 'shared', 'e2e'], forbiddenModules: [] },
];

/** Where a file's own layer rules do not apply in full: tests may set up real parts of any shipped layer. */
export function isTestFile(path: string): boolean {
  return /\.(test|services\.test)\.tsx?$/.test(path) || /\.test-support\.tsx?$/.test(path) || path.includes('/test-children/');
}

/** The layer holding `path`, or undefined for files outside the layered folders (configs). */
export function layerOf(path: string): Layer | undefined {
  return LAYERS.find((layer) => layer.holds.some((prefix) => path.startsWith(prefix)));
}

/** Layers nothing shipped may import, tests included. */
const TOOLING = new Set(['e2e', 'tools']);

/** Folders of tools/ holding servers that tests of any layer start (never shipped code). */
export const TEST_SERVERS: readonly string[] = ['tools/git-server/'];

/** One import that breaks the rules, said in words. */
export interface LayerViolation {
  file: string;
  imports: string;
  why: string;
}

/**
 * Every import in `graph` (file → the repository files it imports, plus bare module names) that
 * breaks the rules above.
 */
export function findLayerViolations(graph: ReadonlyMap<string, { files: readonly string[]; modules: readonly string[] }>): LayerViolation[] {
  const violations: LayerViolation[] = [];
  for (const [file, { files, modules }] of graph) {
    const layer = layerOf(file);
    if (!layer) continue;
    const test = isTestFile(file);
    for (const target of files) {
      const targetLayer = layerOf(target);
      if (!targetLayer || targetLayer === layer) continue;
      const testServer = test && TEST_SERVERS.some((prefix) => target.startsWith(prefix));
      if (!TOOLING.has(layer.name) && TOOLING.has(targetLayer.name) && !testServer) {
        violations.push({ file, imports: target, why: `${layer.name} is shipped and must not import ${targetLayer.name}/ (test and build tooling)` });
      } else if (!test && !layer.mayImport.includes(targetLayer.name)) {
        violations.push({ file, imports: target, why: `${layer.name} may import only ${layer.mayImport.join(', ') || 'itself'}, not ${targetLayer.name}` });
      }
    }
    if (test) continue;
    for (const module of modules) {
      const forbidden = layer.forbiddenModules.find((name) => module === name || module.startsWith(name.endsWith(':') ? name : `${name}/`));
      if (forbidden) violations.push({ file, imports: module, why: `${layer.name} must not import ${forbidden}` });
    }
  }
  return violations;
}

/**
 * Cycles between folders (each file's folder, two levels deep below main/ and renderer/src/, e.g.
 * `main/services` or `renderer/src/features`; one level below shared/): a folder that imports another
 * which imports it back. Returned as the folders of each cycle found.
 */
export function findFolderCycles(graph: ReadonlyMap<string, { files: readonly string[] }>, folderOf: (path: string) => string): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const [file, { files }] of graph) {
    if (isTestFile(file)) continue;
    const from = folderOf(file);
    for (const target of files) {
      const to = folderOf(target);
      if (to === from) continue;
      let set = edges.get(from);
      if (!set) edges.set(from, (set = new Set()));
      set.add(to);
    }
  }
  // Tarjan's strongly connected components: any component of more than one folder is a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/**
 * The folder a file counts in for cycles: `main/services/exports`, `renderer/src/features/linking`,
 * `shared/formats`; a file directly in a folder that holds such folders counts as itself.
 */
export function cycleFolderOf(path: string): string {
  const parts = path.split('/');
  // A file beside the folders it composes (main/services/index.ts, renderer/src/App.tsx) counts on its own.
  const depth = parts[0] === 'renderer' ? (parts[2] === 'features' ? 4 : 3) : parts[0] === 'main' ? 3 : 2;
  return parts.length > depth ? parts.slice(0, depth).join('/') : path;
}
