import { existsSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Content types of the files a built renderer consists of. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** A renderer file resolved for serving. */
export interface RendererFile {
  path: string;
  contentType: string;
}

/**
 * Resolves a URL path to a file of the built renderer, or null. Refuses anything that leaves the
 * renderer folder (docs/GUARANTEES.md S3): `..` segments, encoded separators, absolute paths, NUL bytes and
 * symbolic links pointing outside. `/` serves `index.html`.
 */
export async function resolveRendererFile(rootDir: string, urlPath: string): Promise<RendererFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return null;
  const wanted = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (isAbsolute(wanted)) return null;
  const root = await realpath(rootDir);
  const candidate = resolve(root, wanted);
  if (!isInside(root, candidate)) return null;
  let real: string;
  try {
    real = await realpath(candidate);
    if (!(await stat(real)).isFile()) return null;
  } catch {
    return null;
  }
  if (!isInside(root, real)) return null;
  const contentType = CONTENT_TYPES[extname(real).toLowerCase()];
  return contentType ? { path: real, contentType } : null;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * The built renderer folder: `CORROBORATE_RENDERER_DIR` if set, else the nearest `dist/renderer`
 * (holding index.html) above `fromDir`, which is where `npm run build` puts it.
 */
export function builtRendererDir(fromDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.CORROBORATE_RENDERER_DIR) return env.CORROBORATE_RENDERER_DIR;
  let dir = fromDir;
  for (;;) {
    for (const candidate of [join(dir, 'renderer'), join(dir, 'dist', 'renderer')]) {
      if (existsSync(join(candidate, 'index.html'))) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('The renderer has not been built: run `npm run build` first.');
    dir = parent;
  }
}
