import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { methodNames, type WorkbenchApi } from '../../../shared/api/contract/index.js';
import { dispatchCall } from '../../../shared/api/dispatch-call.js';
import { ipcChannelFor } from '../../../shared/api/preload-bridge.js';
import { isAppUrl } from './app-protocol.js';

/**
 * Registers one IPC handler per contract method (derived from the contract, never listed by hand).
 * Each checks that the call comes from the main frame of the app's own window showing an app page
 * (a frame or window of anything else gets nothing), then validates the payload and runs it through `dispatchCall` on the API of the
 * workspace open at that moment (`currentApi`: opening another workspace swaps it).
 */
export function registerIpcHandlers(currentApi: () => WorkbenchApi, trustedContents: () => WebContents | null): void {
  for (const method of methodNames) {
    ipcMain.handle(ipcChannelFor(method), async (event: IpcMainInvokeEvent, payload: unknown) => {
      if (!isTrustedSender(event, trustedContents())) {
        return { ok: false, error: { code: 'unauthorised', message: 'Calls are accepted only from the workbench window.' } };
      }
      return dispatchCall(currentApi(), method, payload);
    });
  }
}

function isTrustedSender(event: IpcMainInvokeEvent, trusted: WebContents | null): boolean {
  const frame = event.senderFrame;
  return (
    trusted !== null &&
    event.sender === trusted &&
    frame !== null &&
    frame === trusted.mainFrame &&
    isAppUrl(frame.url)
  );
}
