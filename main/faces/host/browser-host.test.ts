import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackOpenedDocument } from '../../../shared/api/opened-document-wire.js';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/content-security-policy.js';
import { openWorkbench } from '../../services/open-workbench.js';
import { startBrowserHost, type BrowserHost } from './browser-host.js';

let root: string;
let host: BrowserHost;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'corroborate-host-'));
  const rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>workbench</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, 'secret.txt'), 'outside the renderer');
  await symlink(join(root, 'secret.txt'), join(rendererDir, 'assets', 'escape.js'));
  const { service } = await openWorkbench({ workspaceDir: join(root, 'ws') });
  await service.addSampleArticles();
  host = await startBrowserHost({ api: service, rendererDir });
});
afterAll(async () => {
  await host.close();
  await rm(root, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends a raw request, with full control over Host and Origin (fetch would not allow it). */
function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** What came back on one raw connection, and whether the host closed it. */
interface RawExchange {
  /** The status codes of every response head received, in order (a 100 Continue included). */
  statuses: number[];
  text: string;
  /** Body bytes written before the host answered. */
  bodyBytesSent: number;
}

/**
 * Sends a request head over a raw TCP connection, then (if `body` is given) body pieces one after
 * another until the host answers, and resolves once the host has closed the connection. For what an
 * HTTP client library hides: 100 Continue, answers before the body, a connection closed by the host.
 */
function rawExchange(head: string[], body?: { piece: Buffer; max: number; afterContinue?: boolean }): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, '127.0.0.1');
    let text = '';
    let bodyBytesSent = 0;
    const statuses = () => [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]));
    const answered = () => statuses().some((status) => status !== 100);
    const sendBody = () => {
      if (!body || answered() || socket.destroyed) return;
      if (bodyBytesSent >= body.max) return void socket.end();
      bodyBytesSent += body.piece.length;
      if (socket.write(body.piece)) setImmediate(sendBody);
      else socket.once('drain', sendBody);
    };
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (body?.afterContinue && statuses().includes(100) && bodyBytesSent === 0) sendBody();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // Writing into a connection the host closed after answering: what matters is the answer.
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    socket.on('close', () => resolve({ statuses: statuses(), text, bodyBytesSent }));
    socket.on('connect', () => {
      socket.write(`${[...head, `Host: 127.0.0.1:${host.port}`].join('\r\n')}\r\n\r\n`);
      if (body && !body.afterContinue) sendBody();
    });
  });
}

const call = (method: string, payload: unknown, headers: Record<string, string> = {}) =>
  send({
    method: 'POST',
    path: `/api/${method}`,
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });

describe('the browser host', () => {
  it('listens on 127.0.0.1 and gives a URL with the token in its fragment', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=[A-Za-z0-9_-]{43}$`));
  });

  it('serves the renderer with the CSP and nosniff on every response', async () => {
    const page = await send({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>workbench</title>');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const script = await send({ path: '/assets/app.js' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await send({ path: '/missing.js' })).headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses paths that leave the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/escape.js', '/%00index.html', '/..\\secret.txt']) {
      const reply = await send({ path });
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('outside the renderer');
    }
  });

  it('answers API calls only with the token', async () => {
    expect((await call('listDocuments', {})).status).toBe(200);
    const missing = await send({ method: 'POST', path: '/api/listDocuments', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
    expect((await call('listDocuments', {}, { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await call('listDocuments', {}, { Authorization: `Bearer ${host.token}x` })).status).toBe(401);
  });

  it('accepts the token only as "Authorization: Bearer <token>"', async () => {
    for (const authorization of [host.token, `bearer ${host.token}`, `Token ${host.token}`, `Bearer  ${host.token}`, `Bearer ${host.token} x`]) {
      expect((await call('listDocuments', {}, { Authorization: authorization })).status, authorization).toBe(401);
    }
    expect((await call('listDocuments', {}, { Authorization: `Bearer ${host.token}` })).status).toBe(200);
  });

  it('refuses a call without the token before its body is sent, and closes the connection', async () => {
    const apiHead = (headers: string[]) => ['POST /api/listDocuments HTTP/1.1', 'Content-Type: application/json', ...headers];
    // A client that waits for 100 Continue gets the 401 instead, and never sends its 10 MB.
    const waiting = await rawExchange(apiHead(['Content-Length: 10485760', 'Expect: 100-continue']));
    expect(waiting.statuses).toEqual([401]);
    expect(waiting.text).toContain('"code":"unauthorised"');
    // One that does not wait gets the 401 at once, and the host closes the connection rather than
    // reading 10 MB to throw them away.
    const eager = await rawExchange(apiHead(['Content-Length: 10485760']));
    expect(eager.statuses).toEqual([401]);
    // With the token, 100 Continue invites the body and the call is answered.
    const invited = await rawExchange(apiHead([`Authorization: Bearer ${host.token}`, 'Content-Length: 2', 'Expect: 100-continue', 'Connection: close']), {
      piece: Buffer.from('{}'),
      max: 2,
      afterContinue: true,
    });
    expect(invited.statuses).toEqual([100, 200]);
  });

  it('answers 413 to a body over the limit, by its Content-Length or, chunked, as soon as the limit is passed', async () => {
    const head = (framing: string) => ['POST /api/listDocuments HTTP/1.1', `Authorization: Bearer ${host.token}`, 'Content-Type: application/json', framing];
    const declared = await rawExchange(head(`Content-Length: ${17 * 1024 * 1024}`));
    expect(declared.statuses).toEqual([413]);
    expect(declared.text).toContain('larger than the 16 MB this host accepts');

    const piece = Buffer.alloc(1024 * 1024, ' ');
    const chunk = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]);
    const chunked = await rawExchange(head('Transfer-Encoding: chunked'), { piece: chunk, max: 64 * chunk.length });
    expect(chunked.statuses).toEqual([413]);
    expect(chunked.text).toContain('larger than the 16 MB this host accepts');
    expect(chunked.bodyBytesSent).toBeLessThan(40 * chunk.length); // answered near the limit, not at the end
    expect((await call('listDocuments', {})).status).toBe(200); // and the host carries on
  });

  it('refuses foreign Host headers (DNS rebinding) and foreign origins, and sends no CORS headers', async () => {
    expect((await call('listDocuments', {}, { Host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await send({ path: '/', headers: { Host: 'evil.example' } })).status).toBe(421);
    const crossSite = await call('listDocuments', {}, { Origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);
    const sameSite = await call('listDocuments', {}, { Origin: `http://127.0.0.1:${host.port}` });
    expect(sameSite.status).toBe(200);
    expect(sameSite.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('rejects malformed calls with clear errors', async () => {
    expect(JSON.parse((await call('dropEverything', {})).body)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    const notJson = await send({
      method: 'POST',
      path: '/api/listDocuments',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: '{oops',
    });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.message).toMatch(/not valid JSON/);
    const wrongType = await send({ method: 'POST', path: '/api/listDocuments', headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'text/plain' }, body: '{}' });
    expect(wrongType.status).toBe(400);
    expect((await send({ path: '/api/listDocuments', headers: { Authorization: `Bearer ${host.token}` } })).status).toBe(404);
    const invalid = await call('createAnnotation', { documentId: 'x', labelId: 'claim', ranges: [] });
    expect(invalid.status).toBe(400);
  });

  it('carries a whole annotate round trip', async () => {
    const docs = JSON.parse((await call('listDocuments', {})).body).value as { id: string }[];
    const created = JSON.parse((await call('createAnnotation', { documentId: docs[0]!.id, labelId: 'fact', ranges: [{ start: 17, end: 31 }] })).body);
    expect(created).toMatchObject({ ok: true, value: { labelId: 'fact', fragments: [{ start: 17, end: 31, exact: 'George Russell' }] } });
    // openDocument travels in its compact wire form (opened-document-wire.ts).
    const opened = unpackOpenedDocument(JSON.parse((await call('openDocument', { documentId: docs[0]!.id })).body).value);
    expect(opened.annotations).toEqual([created.value]);
    expect(JSON.parse((await call('openDocument', { documentId: 'nope' })).body)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
