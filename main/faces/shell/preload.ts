/**
 * The preload of the desktop app (sandboxed, context-isolated): exposes one named function per
 * contract method, each a single IPC invoke on that method's channel. Never `ipcRenderer` itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { methodNames } from '../../../shared/api/contract/index.js';
import { ipcChannelFor, PRELOAD_GLOBAL, type PreloadBridge } from '../../../shared/api/preload-bridge.js';

const call = Object.fromEntries(
  methodNames.map((method) => [method, (input: unknown) => ipcRenderer.invoke(ipcChannelFor(method), input)]),
) as PreloadBridge['call'];

const bridge: PreloadBridge = { transport: 'ipc', call };
contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, bridge);
