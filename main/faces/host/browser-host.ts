import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkbenchApi } from '../../../shared/api/contract.js';
import { dispatchCall } from '../../../shared/api/dispatch-call.js';
import type { CallResult, WorkbenchErrorCode } from '../../../shared/api/workbench-error.js';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/content-security-policy.js';
import { resolveRendererFile } from './renderer-files.js';

/** Where the API lives under the host: `POST /api/<method>`. */
export const API_PREFIX = '/api/';

/** How long `close` lets requests in flight finish before cutting connections. */
const CLOSE_GRACE_MS = 1000;

/** Largest request body accepted, in bytes. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** What to serve and where. */
export interface BrowserHostOptions {
  /** The services to serve. */
  api: WorkbenchApi;
  /** The built renderer folder (index.html and assets). */
  rendererDir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** The per-run token; a random one when absent (tests may fix it). */
  token?: string;
}

/** A running browser host. */
export interface BrowserHost {
  /** The URL to open, token included (in the fragment, so it never reaches logs or Referer). */
  url: string;
  port: number;
  token: string;
  /** Stops accepting requests and waits for open ones to finish. */
  close(): Promise<void>;
}

const STATUS_OF: Record<WorkbenchErrorCode, number> = {
  'invalid-input': 400,
  unauthorised: 401,
  'not-found': 404,
  'unknown-method': 404,
  conflict: 409,
  'read-only': 409,
  storage: 500,
  internal: 500,
};

/**
 * Serves the renderer and the workbench API over HTTP on 127.0.0.1 only (RELIABILITY S5). Every API
 * call must carry the per-run token (`Authorization: Bearer …`); requests whose Host is not this
 * loopback address (DNS rebinding) or whose Origin is foreign (cross-site requests) are refused, and
 * no CORS headers are ever sent.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  let port = 0;
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, 500, 'text/plain; charset=utf-8', `Internal error: ${(error as Error).message}`);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(request.headers.host ?? '')) {
      return send(response, 421, 'text/plain; charset=utf-8', 'This host only answers requests for 127.0.0.1.');
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedHosts.some((host) => origin === `http://${host}`)) {
      return send(response, 403, 'text/plain; charset=utf-8', 'Requests from other sites are refused.');
    }
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    if (url.pathname.startsWith(API_PREFIX)) return handleApi(request, response, url.pathname.slice(API_PREFIX.length));
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed.');
    }
    const file = await resolveRendererFile(options.rendererDir, url.pathname);
    if (!file) return send(response, 404, 'text/plain; charset=utf-8', 'Not found.');
    const body = await readFile(file.path);
    const cache = file.path.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable';
    return send(response, 200, file.contentType, request.method === 'HEAD' ? '' : body, { 'Cache-Control': cache });
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, method: string): Promise<void> {
    if (request.method !== 'POST') return sendResult(response, fail('unknown-method', 'API calls are POST requests.'));
    if (!hasToken(request.headers.authorization, token)) {
      return sendResult(response, fail('unauthorised', 'Missing or wrong token: open the URL the host printed.'));
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendResult(response, fail('invalid-input', 'API calls send JSON (Content-Type: application/json).'));
    }
    let payload: unknown;
    try {
      payload = JSON.parse(await readBody(request));
    } catch (error) {
      return sendResult(response, fail('invalid-input', `The request body is not valid JSON: ${(error as Error).message}`));
    }
    return sendResult(response, await dispatchCall(options.api, method, payload));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests in flight get a moment to finish; then keep-alive sockets are cut.
        setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      }),
  };
}

function fail(code: WorkbenchErrorCode, message: string): CallResult<never> {
  return { ok: false, error: { code, message } };
}

function sendResult(response: ServerResponse, result: CallResult<unknown>): void {
  const status = result.ok ? 200 : STATUS_OF[result.error.code];
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(result));
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  extraHeaders: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
    ...extraHeaders,
  });
  response.end(body);
}

function hasToken(authorization: string | undefined, token: string): boolean {
  const given = Buffer.from(authorization?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('the request is too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
