import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, type TestContext } from 'vitest';
import { gitServerUnavailableReason, startGitServer, type GitServerProcess } from './git-server-process.js';

const run = promisify(execFile);
const TOKEN = 'server-test-token-81d2';

let root: string;
const servers: GitServerProcess[] = [];
beforeEach(async (context: TestContext) => {
  const unavailable = gitServerUnavailableReason();
  if (unavailable) {
    process.stderr.write(`skipped: ${unavailable}\n`);
    context.skip();
  }
  root = await mkdtemp(join(tmpdir(), 'corroborate-git-server-'));
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.kill();
  await rm(root, { recursive: true, force: true });
});

async function start(options: Partial<Parameters<typeof startGitServer>[0]> = {}): Promise<GitServerProcess> {
  const server = await startGitServer({ root: join(root, 'server'), token: TOKEN, ...options });
  servers.push(server);
  return server;
}

/** Debian's git with the token sent as Basic credentials (any user name), never prompting. */
function gitWithToken(token: string, args: string[], cwd?: string) {
  const header = `Authorization: Basic ${Buffer.from(`anyone:${token}`).toString('base64')}`;
  return run('git', ['-c', `http.extraHeader=${header}`, ...args], { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
}

describe('the test git server', () => {
  it('refuses a request without the token, or with another, with 401 and a Basic challenge', async () => {
    const server = await start();
    await server.createBareRepo('team.git');
    const url = `${server.url('team.git')}/info/refs?service=git-upload-pack`;
    for (const authorization of [undefined, `Basic ${Buffer.from('anyone:wrong').toString('base64')}`, 'Bearer nonsense']) {
      const response = await fetch(url, { headers: authorization ? { authorization } : {} });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    }
    const allowed = await fetch(url, { headers: { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('content-type')).toBe('application/x-git-upload-pack-advertisement');
    const missing = await fetch(`${server.url('nope.git')}/info/refs?service=git-upload-pack`, { headers: { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` } });
    expect(missing.status).toBe(404); // the CGI's own Status header, passed on
  });

  it('serves clones and pushes of Debian git through git http-backend', async () => {
    const server = await start();
    const bare = await server.createBareRepo('team.git');
    const clone = join(root, 'clone');
    await gitWithToken(TOKEN, ['clone', '--quiet', server.url('team.git'), clone]);
    await writeFile(join(clone, 'notes.md'), 'first\n');
    await run('git', ['-C', clone, 'add', 'notes.md']);
    await run('git', ['-C', clone, '-c', 'user.name=T', '-c', 'user.email=t@example.org', 'commit', '--quiet', '-m', 'first']);
    await gitWithToken(TOKEN, ['push', '--quiet', 'origin', 'HEAD:main'], clone);
    expect((await run('git', ['--git-dir', bare, 'log', '--format=%s', 'main'])).stdout.trim()).toBe('first');
    await expect(gitWithToken('wrong', ['ls-remote', server.url('team.git')])).rejects.toThrow(/401|Authentication failed|could not read/i);
    expect(server.lines).toContain('request POST /team.git/git-receive-pack');
  });

  it('dies with the git it runs when killed in the middle of a push, and serves again on the same port', async () => {
    const stalled = await start({ stallPush: 'before-answering' });
    const bare = await stalled.createBareRepo('team.git');
    const clone = join(root, 'clone');
    await gitWithToken(TOKEN, ['clone', '--quiet', stalled.url('team.git'), clone]);
    await writeFile(join(clone, 'a.txt'), 'a\n');
    await run('git', ['-C', clone, 'add', 'a.txt']);
    await run('git', ['-C', clone, '-c', 'user.name=T', '-c', 'user.email=t@example.org', 'commit', '--quiet', '-m', 'a']);
    const push = gitWithToken(TOKEN, ['push', '--quiet', 'origin', 'HEAD:main'], clone).then(
      () => 'pushed',
      () => 'failed',
    );
    await stalled.waitForLine((line) => line.startsWith('stalled /team.git/git-receive-pack (git exited'));
    await stalled.kill();
    expect(await push).toBe('failed'); // the client never heard back, although git took the push
    const again = await start({ port: stalled.port });
    expect(again.port).toBe(stalled.port);
    expect((await gitWithToken(TOKEN, ['ls-remote', again.url('team.git'), 'refs/heads/main'])).stdout).toMatch(/^[0-9a-f]{40}\trefs\/heads\/main/);
    expect((await run('git', ['--git-dir', bare, 'fsck', '--full', '--no-dangling'])).stdout.trim()).toBe('');
  });
});
