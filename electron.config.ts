/**
 * The one place that says how Corroborate is built and packaged: which entry points become which
 * bundles for Electron's main process, its preload, the Node commands (launcher, browser host, CLI)
 * and the renderer, and how the desktop app is packaged for Linux, macOS and Windows.
 * `npm run build` (tools/build/build.ts) and `npm run package` (tools/build/package-app.ts) read it.
 */

import type { Configuration } from 'electron-builder';

/** One bundle of code that runs in Node or in Electron's main or preload context. */
export interface NodeBundle {
  /** The TypeScript entry point. */
  entry: string;
  /** Where the bundle is written. */
  outfile: string;
  /** ESM for Node and Electron main; CommonJS for the sandboxed preload, which cannot load ESM. */
  format: 'esm' | 'cjs';
  /** A `#!/usr/bin/env node` line, for bundles that are commands. */
  executable?: boolean;
}

/** Everything the build and the packager need. */
export interface CorroborateBuildConfig {
  /** Electron's main process. */
  electronMain: NodeBundle;
  /** The preload script: the contract's functions exposed to the renderer, nothing else. */
  preload: NodeBundle;
  /** Commands run with Node: the launcher behind `npm start`, the browser host and the CLI. */
  commands: NodeBundle[];
  /**
   * Worker threads, each bundled next to every bundle that starts it (Electron's main process and
   * the Node commands), where the code finds it by name (`new URL('./name', import.meta.url)`).
   */
  workers: NodeBundle[];
  /** The renderer, built by Vite. */
  renderer: { root: string; outDir: string };
  /** electron-builder's configuration (https://www.electron.build/configuration). */
  packaging: Configuration & { electronFuses: ElectronFuses };
}

/**
 * Every Electron fuse, each decided: fuses are flipped in the packaged binary, where no command-line
 * switch or environment variable can turn them back. (`resetAdHocDarwinSignature` is a signing
 * step, not a fuse.)
 */
export type ElectronFuses = Required<Omit<NonNullable<Configuration['electronFuses']>, 'resetAdHocDarwinSignature'>>;

const config: CorroborateBuildConfig = {
  electronMain: { entry: 'main/faces/shell/electron-main.ts', outfile: 'dist/electron/main.js', format: 'esm' },
  preload: { entry: 'main/faces/shell/preload.ts', outfile: 'dist/electron/preload.cjs', format: 'cjs' },
  commands: [
    { entry: 'main/faces/launch/start.ts', outfile: 'dist/node/start.js', format: 'esm' },
    { entry: 'main/faces/host/serve-command.ts', outfile: 'dist/node/serve.js', format: 'esm' },
    { entry: 'main/faces/cli/cli-command.ts', outfile: 'dist/node/cli.js', format: 'esm', executable: true },
  ],
  workers: [
    // CommonJS, so that Electron loads it from inside the app's asar archive as any required file.
    { entry: 'main/services/agreement/agreement-worker.ts', outfile: 'dist/electron/agreement-worker.cjs', format: 'cjs' },
    { entry: 'main/services/agreement/agreement-worker.ts', outfile: 'dist/node/agreement-worker.cjs', format: 'cjs' },
  ],
  renderer: { root: 'renderer', outDir: 'dist/renderer' },
  packaging: {
    appId: 'org.corroborate.workbench',
    productName: 'Corroborate',
    directories: { output: 'dist/packages' },
    files: ['dist/electron/**', 'dist/renderer/**', 'package.json'],
    extraResources: [{ from: 'fixtures/seeds', to: 'fixtures/seeds' }],
    asar: true,
    linux: { target: ['AppImage', 'deb'], category: 'Office', executableName: 'corroborate', maintainer: 'The Corroborate developers' },
    mac: { target: ['dmg'], category: 'public.app-category.productivity' },
    win: { target: ['nsis'] },
    // The packaged binary cannot be turned into a plain Node (ELECTRON_RUN_AS_NODE), take
    // NODE_OPTIONS or --inspect, load app code from outside its integrity-checked asar, or give
    // file:// pages extra powers (the app serves its pages on its own app:// scheme).
    electronFuses: {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
      // Flipping fuses breaks a macOS ad-hoc signature; an unsigned Apple-silicon build then
      // would not start, so it is signed ad hoc again (a real signature replaces it).
      resetAdHocDarwinSignature: true,
    },
  },
};

export default config;
