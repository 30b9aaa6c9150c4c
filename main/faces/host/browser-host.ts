import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkbenchApi } from '../../../shared/api/contract/index.js';
import { dispatchCall } from '../../../shared/api/dispatch-call.js';
import type { CallResult, WorkbenchErrorCode } from '../../../shared/api/workbench-error.js';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/content-security-policy.js';
import { resolveRendererFile } from './renderer-files.js';

/** Where the API lives under the host: `POST /api/<method>`. */
export const API_PREFIX = '/api/';

/** How long `close` lets requests in flight finish before cutting connections. */
const CLOSE_GRACE_MS = 1000;

/** How long a refused request's connection may go on sending before it is cut. */
const LINGER_AFTER_REFUSAL_MS = 2000;

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
  cancelled: 409,
  unavailable: 502,
  storage: 500,
  internal: 500,
};

/**
 * Serves the renderer and the workbench API over HTTP on 127.0.0.1 only (docs/GUARANTEES.md S5). Every API
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
  // Without this listener Node answers `Expect: 100-continue` itself, inviting the body before the
  // token and size are checked; `handleApi` sends the 100 only once they are.
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => server.emit('request', request, response));

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
    // Everything that can be refused from the headers is, before a byte of the body is read: a
    // client sending `Expect: 100-continue` never sends it, and the connection is closed instead
    // of being kept open to read and throw away a body nobody wants.
    if (request.method !== 'POST') return refuseBeforeBody(request, response, fail('unknown-method', 'API calls are POST requests.'));
    if (!hasBearerToken(request.headers.authorization, token)) {
      return refuseBeforeBody(request, response, fail('unauthorised', 'Missing or wrong token: open the URL the host printed.'));
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuseBeforeBody(request, response, fail('invalid-input', 'API calls send JSON (Content-Type: application/json).'));
    }
    if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return refuseBeforeBody(request, response, TOO_LARGE, 413);
    if (request.headers.expect?.toLowerCase() === '100-continue') response.writeContinue();
    const body = await readBody(request, MAX_BODY_BYTES);
    if (body === null) return refuseBeforeBody(request, response, TOO_LARGE, 413);
    let payload: unknown;
    try {
      payload = JSON.parse(body);
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

function sendResult(response: ServerResponse, result: CallResult<unknown>, status?: number): void {
  send(response, status ?? (result.ok ? 200 : STATUS_OF[result.error.code]), 'application/json; charset=utf-8', JSON.stringify(result));
}

/** What a request whose body is over the limit gets, with status 413. */
const TOO_LARGE = fail('invalid-input', `The request is larger than the ${MAX_BODY_BYTES / (1024 * 1024)} MB this host accepts.`);

/**
 * Answers a request whose body will not be read, with `Connection: close`: keeping the connection
 * would mean reading the unwanted body to its end to find the next request. Once the answer is out,
 * the host closes its side and discards what still arrives for a moment before cutting the
 * connection, because cutting a connection with unread bytes makes TCP reset it, and the client may
 * then lose the answer.
 */
function refuseBeforeBody(request: IncomingMessage, response: ServerResponse, result: CallResult<unknown>, status?: number): void {
  const socket = request.socket;
  // Node closes a `Connection: close` connection with destroySoon() after the answer; on this one
  // connection, that lingers instead.
  socket.destroySoon = () => {
    socket.end();
    socket.resume();
    socket.once('end', () => socket.destroy());
    setTimeout(() => socket.destroy(), LINGER_AFTER_REFUSAL_MS).unref();
  };
  response.shouldKeepAlive = false;
  sendResult(response, result, status);
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

/**
 * Whether the request carries the token in the one accepted form, `Authorization: Bearer <token>`
 * (compared in constant time).
 */
function hasBearerToken(authorization: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (\S+)$/.exec(authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Reads a request body of at most `maxBytes` (chunked bodies included); resolves to null, and stops
 * reading, as soon as more arrives.
 */
function readBody(request: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.off('data', onData);
        request.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
