/**
 * The one place that says how Corroborate is built and packaged: which entry points become which
 * bundles for Electron's main process, its preload, the Node commands (launcher, browser host, CLI)
 * and the renderer, and how the desktop app is packaged for Linux, macOS and Windows.
 * `npm run build` (main/build/build.ts) and `npm run package` (main/build/package-app.ts) read it.
 */

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
  /** The renderer, built by Vite. */
  renderer: { root: string; outDir: string };
  /** electron-builder's configuration (https://www.electron.build/configuration). */
  packaging: Record<string, unknown>;
}

const config: CorroborateBuildConfig = {
  electronMain: { entry: 'main/shell/electron-main.ts', outfile: 'dist/electron/main.js', format: 'esm' },
  preload: { entry: 'main/shell/preload.ts', outfile: 'dist/electron/preload.cjs', format: 'cjs' },
  commands: [
    { entry: 'main/launch/start.ts', outfile: 'dist/node/start.js', format: 'esm' },
    { entry: 'main/host/serve-command.ts', outfile: 'dist/node/serve.js', format: 'esm' },
    { entry: 'main/cli/cli-command.ts', outfile: 'dist/node/cli.js', format: 'esm', executable: true },
  ],
  renderer: { root: 'renderer', outDir: 'dist/renderer' },
  packaging: {
    appId: 'org.corroborate.workbench',
    productName: 'Corroborate',
    directories: { output: 'dist/packages' },
    files: ['dist/electron/**', 'dist/renderer/**', 'package.json'],
    extraResources: [{ from: 'fixtures/seeds', to: 'fixtures/seeds' }],
    asar: true,
    linux: { target: ['AppImage', 'deb'], category: 'Office' },
    mac: { target: ['dmg'], category: 'public.app-category.productivity' },
    win: { target: ['nsis'] },
    // RELIABILITY S6: no running as plain Node, no NODE_OPTIONS, no --inspect, asar integrity on.
    electronFuses: {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    },
  },
};

export default config;
