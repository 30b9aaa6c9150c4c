import { describe, expect, it } from 'vitest';
import { displayPath, windowTitle } from './window-title.js';

const home = '/home/ana';

describe('the window title', () => {
  it('names the workspace folder and where it is, with the home folder as ~', () => {
    expect(windowTitle({ workspaceDir: '/home/ana/Documents/election-2026', isDefault: false, readOnly: false, home, platform: 'linux' })).toBe(
      'election-2026 — ~/Documents — Corroborate',
    );
    expect(windowTitle({ workspaceDir: '/srv/shared/desk', isDefault: false, readOnly: false, home, platform: 'linux' })).toBe('desk — /srv/shared — Corroborate');
    expect(windowTitle({ workspaceDir: '/home/ana/desk', isDefault: false, readOnly: false, home, platform: 'darwin' })).toBe('desk — ~ — Corroborate');
  });

  it('calls the app-data workspace the default workspace', () => {
    expect(windowTitle({ workspaceDir: '/home/ana/.config/Corroborate/workspace', isDefault: true, readOnly: false, home, platform: 'linux' })).toBe(
      'Default workspace — Corroborate',
    );
  });

  it('says when the workspace is read-only, and puts what the app is busy with first', () => {
    expect(windowTitle({ workspaceDir: '/data/desk', isDefault: false, readOnly: true, home, platform: 'linux' })).toBe('desk (read-only) — /data — Corroborate');
    expect(
      windowTitle({ workspaceDir: '/data/desk', isDefault: false, readOnly: false, activity: 'Saving changes before quitting…', home, platform: 'linux' }),
    ).toBe('Saving changes before quitting… — desk — /data — Corroborate');
  });

  it('leaves paths as they are on Windows and outside the home folder', () => {
    expect(displayPath('C:\\Users\\ana\\desk', 'C:\\Users\\ana', 'win32')).toBe('C:\\Users\\ana\\desk');
    expect(displayPath('/home/anabel/desk', home, 'linux')).toBe('/home/anabel/desk');
    expect(displayPath('/home/ana/desk', home, 'linux')).toBe('~/desk');
  });
});
