import { describe, expect, it } from 'vitest';
import config from '../../electron.config.js';

describe('the packaging configuration (electron.config.ts)', () => {
  it('flips every Electron fuse we rely on', () => {
    expect(config.packaging.electronFuses).toEqual({
      // No plain Node through ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no --inspect in the packaged app.
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      // The app's code comes only from its asar archive, whose integrity is checked.
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // file:// pages get no more than a browser gives them: the app serves its pages on app://.
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it('packages AppImage and deb, dmg and nsis from an asar archive, with the sample articles', () => {
    const { packaging } = config;
    expect(packaging.asar).toBe(true);
    expect(packaging.linux?.target).toEqual(['AppImage', 'deb']);
    expect(packaging.mac?.target).toEqual(['dmg']);
    expect(packaging.win?.target).toEqual(['nsis']);
    expect(packaging.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**']));
    expect(packaging.extraResources).toEqual([{ from: 'fixtures/seeds', to: 'fixtures/seeds' }]);
    expect(packaging.directories?.output).toBe('dist/packages');
  });
});
