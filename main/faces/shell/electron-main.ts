/**
 * The desktop app's main process: one window onto one workspace at a time, talking to the workspace
 * services over IPC. Thin on purpose: what it serves lives in main/workspace, and the desktop
 * conventions (recent workspaces, the window's place and title, leaving a workspace only once its
 * edits are saved) in main/faces/desktop, neither of which imports Electron; this file wires them to
 * windows, menus and dialogs.
 */
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, dialog, safeStorage, screen, type MessageBoxOptions } from 'electron';
import { DesktopWorkspace, type LeavingHooks } from '../desktop/desktop-workspace.js';
import { RecentWorkspaces } from '../desktop/recent-workspaces.js';
import { MINIMUM_WINDOW_SIZE, placeOnDisplays, WindowStateFile, type ScreenRect, type WindowPlacement } from '../desktop/window-state.js';
import { windowTitle } from '../desktop/window-title.js';
import { builtRendererDir } from '../host/renderer-files.js';
import { appDataDir } from '../../services/workspace/workspace-upkeep.js';
import { openWorkbench } from '../../services/open-workbench.js';
import { savedCredentials, type SecretCipher } from '../../services/sync/git-credentials.js';
import { installAppMenu } from './app-menu.js';
import { APP_URL, registerAppScheme, serveRendererOnAppScheme } from './app-protocol.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import { applySecurityDefaults } from './security-defaults.js';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
  options: { workspace: { type: 'string' } },
  strict: false,
});
const workspaceDir = typeof args.workspace === 'string' ? args.workspace : undefined;

// Everything the app keeps (window place, recent list, the page's storage, the single-instance
// lock) lives in the app-data folder the browser host and the CLI use too; CORROBORATE_APP_DATA
// moves it (tests, portable installs).
const appData = appDataDir();
app.setPath('userData', appData);
const windowState = new WindowStateFile(appData);
const recents = new RecentWorkspaces(appData);
// Team tokens, one per git server, encrypted with the system's keychain (never in a workspace).
const keychain: SecretCipher = {
  // On Linux without a secret service Electron falls back to a key written into Chromium ('basic_text'),
  // which protects nothing: then no token is saved, and the app says to use the environment variable.
  isAvailable: () => safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed)),
};
const gitCredentials = savedCredentials(join(appData, 'git-tokens.json'), keychain, process.env);

let mainWindow: BrowserWindow | null = null;
let desktop: DesktopWorkspace | null = null;
/** What the app is busy with, shown first in the window title. */
let activity: string | null = null;
/** Set once the workspace has been left (saved, lock released): quitting may go ahead. */
let readyToQuit = false;
/** Set while the workspace is being left (quitting, or opening another one). */
let leaving = false;

registerAppScheme();

if (!app.requestSingleInstanceLock({ workspaceDir })) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.whenReady().then(start, (error: unknown) => fail(error));
}

async function start(): Promise<void> {
  try {
    desktop = await DesktopWorkspace.open(workspaceDir, openDesktopWorkspace, recents, reportProblem);
  } catch (error) {
    return fail(error);
  }
  applySecurityDefaults();
  serveRendererOnAppScheme(builtRendererDir(here));
  registerIpcHandlers(() => desktop!.api, () => mainWindow?.webContents ?? null);
  const { placement, problem } = await windowState.read();
  if (problem) reportProblem(problem);
  mainWindow = createWindow(placeOnDisplays(placement, displayWorkAreas()));
  await refreshMenu();
}

function openDesktopWorkspace(dir: string | undefined) {
  return openWorkbench({ workspaceDir: dir, holder: 'desktop app', gitCredentials, teamAutoSync: true });
}

function createWindow(placement: WindowPlacement): BrowserWindow {
  const { x, y, width, height } = placement.bounds;
  // The security-relevant preferences stay a literal here, where scanners such as
  // electronegativity read them.
  const window = new BrowserWindow({
    x,
    y,
    width,
    height,
    minWidth: MINIMUM_WINDOW_SIZE.width,
    minHeight: MINIMUM_WINDOW_SIZE.height,
    show: false,
    title: currentTitle(),
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // A middle click on a link would otherwise ask for a new window.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  // The title is the shell's (workspace, place, activity), not the page's.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
  });
  // Closing the window quits the app, through the same wait for unsaved edits.
  window.on('close', (event) => {
    if (readyToQuit) return;
    event.preventDefault();
    app.quit();
  });
  window.on('closed', () => {
    mainWindow = null;
  });
  void window.loadURL(APP_URL);
  return window;
}

/** The work areas of the displays attached now, the primary one first. */
function displayWorkAreas(): ScreenRect[] {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
}

function currentTitle(): string {
  if (!desktop) return 'Corroborate';
  const { workspaceDir: dir, isDefault, store } = desktop.workbench;
  return windowTitle({ workspaceDir: dir, isDefault, readOnly: store.readOnlyReason !== null, activity, home: homedir() });
}

function setActivity(value: string | null): void {
  activity = value;
  mainWindow?.setTitle(currentTitle());
}

async function refreshMenu(): Promise<void> {
  if (!desktop) return;
  installAppMenu(
    {
      openWorkspace: () => void chooseWorkspace(),
      openRecent: (dir) => void openWorkspaceFolder(dir, true),
      syncNow: () => void desktop?.api.startSync().catch((error: unknown) => reportProblem((error as Error).message)),
    },
    await desktop.recentWorkspaces(),
  );
}

/** File → Open workspace…: the system's folder picker, then the chosen folder. */
async function chooseWorkspace(): Promise<void> {
  if (!mainWindow || !desktop) return;
  const picked = await dialog.showOpenDialog(mainWindow, {
    title: 'Open workspace',
    buttonLabel: 'Open workspace',
    defaultPath: dirname(desktop.workbench.workspaceDir),
    properties: ['openDirectory', 'createDirectory'],
  });
  const dir = picked.canceled ? undefined : picked.filePaths[0];
  if (dir) await openWorkspaceFolder(dir, false);
}

/**
 * Opens `dir` in the window in place of the current workspace, once the current one's edits are
 * saved; the current one's lock is released and the page loads the new workspace.
 */
async function openWorkspaceFolder(dir: string, fromRecentList: boolean): Promise<void> {
  if (!desktop || leaving) return;
  leaving = true;
  try {
    const hooks = leavingHooks('Saving changes before opening the other workspace…', 'Open it without saving');
    const outcome = await desktop.switchTo(dir, hooks, { fromRecentList });
    setActivity(null);
    if (outcome.kind === 'switched') mainWindow?.webContents.reload();
    if (outcome.kind === 'failed') await showMessage({ type: 'error', message: 'Corroborate could not open that workspace', detail: outcome.message });
    await refreshMenu();
  } finally {
    leaving = false;
  }
}

/** While leaving a workspace: say that it waits for saving, and ask before losing edits. */
function leavingHooks(waiting: string, goOnLabel: string): LeavingHooks {
  return {
    onWaiting: () => setActivity(waiting),
    confirmLoss: async (reason) => {
      const { response } = await showMessage({
        type: 'warning',
        message: 'Some changes could not be saved',
        detail: `${reason}\n\nIf you go on, the changes not saved yet are lost. If you stay, Corroborate keeps trying to save them.`,
        buttons: ['Stay', goOnLabel],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      });
      if (response === 0) setActivity(null);
      return response === 1;
    },
  };
}

function showMessage(options: MessageBoxOptions) {
  return mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options);
}

/** Remembers where the window is, for the next launch. */
async function rememberWindowPlace(): Promise<void> {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  const placement = { bounds: mainWindow.getNormalBounds(), maximized: mainWindow.isMaximized() };
  await windowState.write(placement).catch((error: unknown) => reportProblem(`The window's place could not be saved: ${(error as Error).message}`));
}

function reportProblem(message: string): void {
  process.stderr.write(`${message}\n`);
}

function fail(error: unknown): void {
  dialog.showErrorBox('Corroborate could not open the workspace', (error as Error).message ?? String(error));
  app.exit(1);
}

// Quitting (menu, keyboard, closing the window) first remembers the window's place and waits for
// every edit to be saved, saying so in the title; edits that cannot be saved are not dropped without
// asking, and those the user leaves behind go to a recovery file (the same shutdown as the browser
// host's), which the user is told about before the app goes.
app.on('before-quit', (event) => {
  if (readyToQuit || !desktop) return;
  event.preventDefault();
  if (leaving) return;
  leaving = true;
  const leavingDesktop = desktop;
  void (async () => {
    await rememberWindowPlace();
    const report = await leavingDesktop.close(leavingHooks('Saving changes before quitting…', 'Quit without saving'));
    leaving = false;
    if (!report) return;
    for (const message of report.messages) process.stderr.write(`${message}\n`);
    if (report.recoveryFile !== null) {
      dialog.showMessageBoxSync({ type: 'warning', title: 'Corroborate', message: 'Some edits could not be saved', detail: report.messages.join('\n\n') });
    }
    readyToQuit = true;
    app.quit();
  })();
});

app.on('window-all-closed', () => app.quit());
