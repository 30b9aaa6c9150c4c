import { homedir } from 'node:os';
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import { displayPath } from '../desktop/window-title.js';

/** What the File menu's workspace entries do. */
export interface WorkspaceMenuActions {
  /** File → Open workspace…: pick a folder with the system's folder picker and open it. */
  openWorkspace(): void;
  /** File → Open recent → a folder: open that workspace. */
  openRecent(dir: string): void;
  /** Team → Sync now: starts a team sync (the window shows how it goes). */
  syncNow(): void;
}

/** Menu item ids, for the e2e spec (which clicks them as a person would) and for rebuilding. */
export const MENU_IDS = { openWorkspace: 'open-workspace', openRecent: 'open-recent', syncNow: 'sync-now' } as const;

/**
 * The application menu: File (Open workspace…, Open recent with the last five workspaces, Quit),
 * Edit, View, Team (Sync now) and Help. Built again whenever the recent list changes.
 */
export function installAppMenu(actions: WorkspaceMenuActions, recentWorkspaces: readonly string[]): void {
  const isMac = process.platform === 'darwin';
  const recentItems: MenuItemConstructorOptions[] =
    recentWorkspaces.length > 0
      ? recentWorkspaces.map((dir, index) => ({
          id: `${MENU_IDS.openRecent}-${index}`,
          label: displayPath(dir, homedir(), process.platform),
          click: () => actions.openRecent(dir),
        }))
      : [{ label: 'No recent workspaces', enabled: false }];
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { id: MENU_IDS.openWorkspace, label: 'Open workspace…', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
        { id: MENU_IDS.openRecent, label: 'Open recent', submenu: recentItems },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { label: 'Edit', submenu: [{ role: 'copy' }, { role: 'selectAll' }] },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Team', submenu: [{ id: MENU_IDS.syncNow, label: 'Sync now', accelerator: 'CmdOrCtrl+Shift+Y', click: () => actions.syncNow() }] },
    { role: 'help', submenu: [{ label: 'About Corroborate', click: () => app.showAboutPanel() }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
