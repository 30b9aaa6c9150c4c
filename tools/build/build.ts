/**
 * `npm run build`: bundles Electron's main process, the preload, the Node commands and the worker
 * threads with esbuild, and the renderer with Vite, as electron.config.ts says.
 */
import { chmod } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as viteBuild, type Plugin } from 'vite';
import config, { type NodeBundle } from '../../electron.config.js';
import { withContentSecurityPolicy } from '../../shared/security/content-security-policy-html.js';

const root = resolve(import.meta.dirname, '../..');

/** ESM bundles that include CommonJS dependencies need `require` defined. */
const ESM_REQUIRE_SHIM = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

async function bundle(target: NodeBundle): Promise<void> {
  const banner = [target.executable ? '#!/usr/bin/env node' : '', target.format === 'esm' ? ESM_REQUIRE_SHIM : '']
    .filter(Boolean)
    .join('\n');
  await esbuild({
    absWorkingDir: root,
    entryPoints: [target.entry],
    outfile: target.outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: target.format,
    external: ['electron'],
    sourcemap: 'linked',
    logLevel: 'warning',
    banner: banner ? { js: banner } : undefined,
  });
  if (target.executable) await chmod(resolve(root, target.outfile), 0o755);
}

/** Writes the Content-Security-Policy into index.html's meta tag. */
const injectContentSecurityPolicy: Plugin = {
  name: 'corroborate-csp',
  transformIndexHtml: (html) => withContentSecurityPolicy(html),
};

async function buildRenderer(): Promise<void> {
  await viteBuild({
    configFile: false,
    root: resolve(root, config.renderer.root),
    base: './',
    logLevel: 'warn',
    plugins: [injectContentSecurityPolicy],
    build: {
      outDir: resolve(root, config.renderer.outDir),
      emptyOutDir: true,
      sourcemap: true,
      target: 'chrome120',
      modulePreload: { polyfill: false },
      chunkSizeWarningLimit: 2048,
    },
  });
}

const started = performance.now();
await Promise.all([bundle(config.electronMain), bundle(config.preload), ...config.commands.map(bundle), ...config.workers.map(bundle), buildRenderer()]);
process.stderr.write(`Built Corroborate in ${Math.round(performance.now() - started)} ms.\n`);
