import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/content-security-policy.js';
import { resolveRendererFile } from '../host/renderer-files.js';

/** The scheme the desktop app's pages are served from (never `file://`, whose pages could read any local file). */
export const APP_SCHEME = 'app';
/** The host of every app page: `app://corroborate/…`. */
export const APP_HOST = 'corroborate';
/** The URL of the workbench page. */
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Declares the app scheme secure and standard; must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer on `app://corroborate/`, with the CSP on every response. */
export function serveRendererOnAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? await resolveRendererFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(await readFile(file.path), {
      headers: {
        'Content-Type': file.contentType,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}

/** Whether a URL is one of the app's own pages. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
