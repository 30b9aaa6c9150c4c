import type { WorkbenchApi } from '../../../shared/api/contract/index.js';
import { createClient } from '../../../shared/api/create-client.js';
import { PRELOAD_GLOBAL, type PreloadBridge } from '../../../shared/api/preload-bridge.js';
import type { CallResult } from '../../../shared/api/workbench-error.js';

const TOKEN_KEY = 'corroborate.token';

/** How the renderer reaches the workspace services. */
export interface WorkbenchConnection {
  api: WorkbenchApi;
  transport: 'ipc' | 'http';
}

/**
 * Connects to the services: through the Electron preload's bridge when running in the desktop app,
 * else over the browser host's HTTP API with the per-run token from the URL. Throws when neither is
 * available (a page opened without its token).
 */
export function connectWorkbench(): WorkbenchConnection {
  const bridge = (window as unknown as Record<string, PreloadBridge | undefined>)[PRELOAD_GLOBAL];
  if (bridge) return { transport: 'ipc', api: createClient((method, input) => bridge.call[method](input)) };
  const token = takeToken();
  if (!token) {
    throw new Error('This page needs the address the workbench printed when it started (it carries a token).');
  }
  return {
    transport: 'http',
    api: createClient(async (method, input) => {
      let response: Response;
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(input),
        });
      } catch {
        return { ok: false, error: { code: 'storage', message: 'The workbench is not reachable: is it still running?' } };
      }
      return (await response.json()) as CallResult<unknown>;
    }),
  };
}

/** Takes the token from the URL fragment into session storage (so reloads keep working) and hides it. */
function takeToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]!));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}
