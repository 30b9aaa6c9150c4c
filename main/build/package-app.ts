/**
 * `npm run package [-- --linux|--mac|--win]`: builds, then packages the desktop app with
 * electron-builder as electron.config.ts says. Packaging downloads Electron's release archive for
 * the target, so it needs the network that installing never does.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { build, Platform } from 'electron-builder';
import config from '../../electron.config.js';

const root = resolve(import.meta.dirname, '../..');
const wanted = process.argv.slice(2);
const targets = [
  wanted.includes('--linux') && Platform.LINUX,
  wanted.includes('--mac') && Platform.MAC,
  wanted.includes('--win') && Platform.WINDOWS,
].filter((p): p is Platform => p !== false);

execFileSync(process.execPath, ['--import', 'tsx', 'main/build/build.ts'], { cwd: root, stdio: 'inherit' });
await build({
  projectDir: root,
  config: config.packaging,
  ...(targets.length > 0 ? { targets: new Map(targets.map((p) => [p, new Map()])) } : {}),
});
