import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/** What one source file imports: other repository files (relative to the root) and bare module names. */
export interface FileImports {
  files: string[];
  modules: string[];
}

const IMPORT_PATTERN = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(])import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[\s;])import\s*['"]([^'"]+)['"]/gm;

/** The module specifiers a TypeScript source imports (static, dynamic and side-effect imports; type-only ones too). */
export function importSpecifiers(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  return [...withoutComments.matchAll(IMPORT_PATTERN)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

/** Where a relative specifier of `file` points, as a repository path (`.js` written for `.ts`/`.tsx` sources). */
export function resolveSpecifier(root: string, file: string, specifier: string): string {
  const target = normalize(join(dirname(file), specifier)).split('\\').join('/');
  for (const candidate of [target, target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.tsx'), `${target}.ts`, `${target}/index.ts`]) {
    if (existsSync(join(root, candidate)) && /\.(tsx?|css|json)$/.test(candidate)) return candidate;
  }
  return target;
}

/** The import graph of `files` (repository paths) under `root`. */
export function importGraph(root: string, files: readonly string[]): Map<string, FileImports> {
  const graph = new Map<string, FileImports>();
  for (const file of files) {
    const imports: FileImports = { files: [], modules: [] };
    for (const specifier of importSpecifiers(readFileSync(join(root, file), 'utf8'))) {
      if (specifier.startsWith('.')) imports.files.push(relative(root, join(root, resolveSpecifier(root, file, specifier))).split('\\').join('/'));
      else imports.modules.push(specifier);
    }
    graph.set(file, imports);
  }
  return graph;
}
