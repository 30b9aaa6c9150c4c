/**
 * The desktop app's main process: one window onto one workspace, talking to the workspace services
 * over IPC. Thin on purpose: everything it serves lives in main/workspace, which never imports
 * Electron.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, dialog } from 'electron';
import { builtRendererDir } from '../host/renderer-files.js';
import { openWorkbench, type OpenWorkbench } from '../workspace/open-workbench.js';
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

let mainWindow: BrowserWindow | null = null;
let workbench: OpenWorkbench | null = null;

registerAppScheme();

if (!app.requestSingleInstanceLock({ workspaceDir })) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start, (error: unknown) => fail(error));
}

async function start(): Promise<void> {
  try {
    workbench = await openWorkbench({ workspaceDir, holder: 'desktop app' });
  } catch (error) {
    return fail(error);
  }
  applySecurityDefaults();
  serveRendererOnAppScheme(builtRendererDir(here));
  registerIpcHandlers(workbench.api, () => mainWindow?.webContents ?? null);
  installAppMenu();
  mainWindow = createWindow();
}

function createWindow(): BrowserWindow {
  // RELIABILITY S1: the security-relevant preferences stay a literal here, where scanners read them.
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    show: false,
    title: 'Corroborate',
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
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = null;
  });
  void window.loadURL(APP_URL);
  return window;
}

function fail(error: unknown): void {
  dialog.showErrorBox('Corroborate could not open the workspace', (error as Error).message ?? String(error));
  app.exit(1);
}

let flushed = false;
// Quitting waits for pending saves; edits that cannot be saved go to a recovery file (the same
// shutdown as the browser host's), and the user is told where before the app goes.
app.on('before-quit', (event) => {
  if (flushed || !workbench) return;
  event.preventDefault();
  void workbench
    .close()
    .then((report) => {
      for (const message of report.messages) process.stderr.write(`${message}\n`);
      if (report.recoveryFile !== null) {
        dialog.showMessageBoxSync({ type: 'warning', title: 'Corroborate', message: 'Some edits could not be saved', detail: report.messages.join('\n\n') });
      }
    })
    .finally(() => {
      flushed = true;
      app.quit();
    });
});

app.on('window-all-closed', () => app.quit());
