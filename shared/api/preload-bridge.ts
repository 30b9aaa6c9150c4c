import type { MethodName } from './contract/index.js';
import type { CallResult } from './workbench-error.js';

/** The name under which the Electron preload exposes the bridge on `window`. */
export const PRELOAD_GLOBAL = 'corroborate';

/** The IPC channel that carries one contract method. */
export function ipcChannelFor(method: MethodName): string {
  return `workbench:${method}`;
}

/**
 * What the Electron preload exposes to the renderer: one named function per contract method, each
 * returning the call's result as data. Never raw `ipcRenderer`.
 */
export interface PreloadBridge {
  transport: 'ipc';
  call: { [K in MethodName]: (input: unknown) => Promise<CallResult<unknown>> };
}
