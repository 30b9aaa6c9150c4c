// A git server for tests: Debian's `git http-backend` (the smart HTTP protocol, as GitHub, GitLab
// and Gitea speak it) behind a small Node HTTP server on 127.0.0.1 that requires a token as HTTP
// Basic credentials (any user name, the token as password), as those hosts accept it. It runs as
// its own process so that a test can kill it (kill -9) in the middle of a push.
//
// Run: node --import tsx tools/git-server/git-http-server.ts --root DIR [--port N] [--stall-push before-receiving|before-answering]
// The token comes from the environment (GIT_SERVER_TOKEN), so it is not on any process's command
// line. The server prints one line `listening http://127.0.0.1:PORT` once it accepts connections,
// and one line `request METHOD PATH` as each request starts (`stalled …` when a push is held).
import { spawn } from 'node:child_process';
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { GIT_HTTP_BACKEND, headerEnd, parseCgiHeaders, type PushStall } from './git-backend-cgi.js';

const { values } = parseArgs({
  options: { root: { type: 'string' }, port: { type: 'string', default: '0' }, 'stall-push': { type: 'string' } },
});
const root = values.root;
const token = process.env.GIT_SERVER_TOKEN ?? '';
const stall = values['stall-push'] as PushStall | undefined;
if (!root || token === '') {
  process.stderr.write('git-http-server needs --root DIR and GIT_SERVER_TOKEN in the environment\n');
  process.exit(2);
}

/** The user name of the request if its Basic credentials carry the token; null otherwise. */
function authorisedUser(request: IncomingMessage): string | null {
  const match = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return null;
  const given = Buffer.from(decoded.slice(colon + 1), 'utf8');
  const expected = Buffer.from(token, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return decoded.slice(0, colon) || 'token';
}

function serve(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  process.stdout.write(`request ${request.method} ${url.pathname}\n`);
  const user = authorisedUser(request);
  if (user === null) {
    request.resume();
    response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="corroborate test git server"', 'Content-Type': 'text/plain' });
    response.end('A token is required.\n');
    return;
  }
  const isPush = url.pathname.endsWith('/git-receive-pack');
  if (isPush && stall === 'before-receiving') {
    process.stdout.write(`stalled ${url.pathname}\n`);
    return; // holds the request: neither its body nor an answer goes anywhere until the process dies
  }
  runBackend(request, response, url, user, isPush && stall === 'before-answering');
}

/** Runs `git http-backend` as a CGI program for one request, streaming both ways. */
function runBackend(request: IncomingMessage, response: ServerResponse, url: URL, user: string, holdAnswer: boolean): void {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: root,
    REMOTE_USER: user,
    REMOTE_ADDR: request.socket.remoteAddress ?? '127.0.0.1',
    REQUEST_METHOD: request.method ?? 'GET',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: request.headers['content-type'] ?? '',
    SERVER_PROTOCOL: 'HTTP/1.1',
  };
  if (request.headers['content-length'] !== undefined) env.CONTENT_LENGTH = request.headers['content-length'];
  if (request.headers['content-encoding'] !== undefined) env.HTTP_CONTENT_ENCODING = request.headers['content-encoding'];
  if (request.headers['git-protocol'] !== undefined) env.GIT_PROTOCOL = String(request.headers['git-protocol']);
  const backend = spawn(GIT_HTTP_BACKEND, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  request.pipe(backend.stdin);
  backend.stdin.on('error', () => undefined); // the backend may stop reading early (a refused push)
  let stderr = '';
  backend.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let head = Buffer.alloc(0);
  let headersDone = false;
  const answered: Buffer[] = [];
  backend.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      if (holdAnswer) answered.push(chunk);
      else response.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = headerEnd(head);
    if (end === null) return;
    headersDone = true;
    const { status, headers } = parseCgiHeaders(head.subarray(0, end.at).toString('latin1'));
    const body = head.subarray(end.at + end.length);
    if (holdAnswer) {
      answered.push(body);
      return;
    }
    response.writeHead(status, headers);
    if (body.length > 0) response.write(body);
  });
  backend.on('close', (code) => {
    if (holdAnswer) {
      process.stdout.write(`stalled ${url.pathname} (git exited ${code})\n`);
      return; // the push landed in the repository; the client never hears so
    }
    if (!headersDone) {
      response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end(`git http-backend failed (${code}): ${stderr}\n`);
      return;
    }
    response.end();
  });
}

const server = createServer(serve);
server.listen(Number(values.port), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`listening http://127.0.0.1:${port}\n`);
});
// A held push never ends by itself, so stopping does not wait for open connections.
process.on('SIGTERM', () => process.exit(0));
