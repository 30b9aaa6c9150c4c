import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appDataDir, defaultWorkspaceDir } from './app-data.js';

describe('the app-data folder', () => {
  it('is where Electron keeps userData on each platform', () => {
    expect(appDataDir({}, 'linux')).toBe(join(homedir(), '.config', 'Corroborate'));
    expect(appDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe(join('/x', 'Corroborate'));
    expect(appDataDir({}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'Corroborate'));
    expect(appDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(join('C:\\Users\\a\\AppData\\Roaming', 'Corroborate'));
  });

  it('can be moved with CORROBORATE_APP_DATA, and holds the default workspace', () => {
    expect(defaultWorkspaceDir({ CORROBORATE_APP_DATA: '/tmp/appdata' })).toBe(join('/tmp/appdata', 'workspace'));
  });
});
