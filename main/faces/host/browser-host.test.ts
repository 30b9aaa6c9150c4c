import { request } from 'node:http';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackOpenedDocument } from '../../../shared/api/opened-document-wire.js';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/content-security-policy.js';
import { openWorkbench } from '../../workspace/open-workbench.js';
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
