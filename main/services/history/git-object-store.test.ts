import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, type TestContext } from 'vitest';
import { debianGitUnavailableReason } from '../../../tools/git-server/debian-git.js';
import { GitObjectStore } from './git-object-store.js';
import { gitOutput } from './history.test-support.js';

// The object reader against Debian's git, which wrote the objects: every object of a repository,
// loose, then packed with deltas by offset (what `git repack` writes), then with deltas by id (what
// a pack without offsets holds), reads back byte for byte as `git cat-file` shows it.

let dir = '';
const ann = { name: 'Ann', email: 'ann@example.org' };
const git = (args: string[], time?: string) => gitOutput(dir, args, time ? { as: { who: ann, time } } : {});

/** Every object of the repository with its type and content, as `git cat-file --batch` shows them. */
async function allObjects(): Promise<{ oid: string; type: string; content: Buffer }[]> {
  const output = await git(['cat-file', '--batch-all-objects', '--batch']);
  const objects: { oid: string; type: string; content: Buffer }[] = [];
  for (let at = 0; at < output.length; ) {
    const lineEnd = output.indexOf(0x0a, at);
    const [oid, type, size] = output.toString('latin1', at, lineEnd).split(' ');
    objects.push({ oid: oid!, type: type!, content: output.subarray(lineEnd + 1, lineEnd + 1 + Number(size)) });
    at = lineEnd + 1 + Number(size) + 1;
  }
  return objects;
}

/** Reads every object with the store; resolves to those that differ from what git shows (none, when all is well). */
async function differences(): Promise<string[]> {
  const store = await GitObjectStore.open(join(dir, '.git'));
  const wrong: string[] = [];
  try {
    for (const { oid, type, content } of await allObjects()) {
      const read = await store.read(oid);
      if (read?.type !== type || !read.content.equals(content)) wrong.push(`${type} ${oid}`);
    }
  } finally {
    await store.close();
  }
  return wrong;
}

/** How many objects of the repository's pack are stored as deltas, as `git verify-pack` counts them. */
async function deltaCount(): Promise<number> {
  const pack = (await git(['rev-parse', '--git-path', 'objects/pack'])).toString('utf8').trim();
  const [index] = (await readdir(join(dir, pack))).filter((name) => name.endsWith('.idx'));
  const listed = (await git(['verify-pack', '-v', join(pack, index!)])).toString('utf8');
  return listed.split('\n').filter((line) => /^[0-9a-f]{40} (blob|tree|commit) +\d+ \d+ \d+ \d+ [0-9a-f]{40}$/.test(line)).length;
}

const unavailable = debianGitUnavailableReason();
/** The repository every test starts from a copy of. */
let template = '';

beforeAll(async () => {
  if (unavailable) return;
  template = await mkdtemp(join(tmpdir(), 'corroborate-objects-'));
  dir = template;
  await git(['init', '-q', '-b', 'main']);
  // Thirty versions of a layer file and of a folder of files: what deltas are made of.
  const annotations: { id: string; labelId: string; note: string }[] = [];
  for (let version = 0; version < 30; version++) {
    annotations.push({ id: `a${version}`, labelId: version % 3 === 0 ? 'claim' : 'quote', note: `Version ${version}: “quoted” 👍🏽 text` });
    await writeFile(join(dir, 'layer.json'), `${JSON.stringify({ annotations }, null, 2)}\n`);
    await writeFile(join(dir, `file-${version % 7}.txt`), `${'line of text\n'.repeat(200)}version ${version}\n`);
    await git(['add', '-A']);
    await git(['commit', '-q', '-m', `Version ${version}`], `2024-05-01T10:${String(version).padStart(2, '0')}:00Z`);
  }
}, 120_000);

afterAll(async () => {
  if (template) await rm(template, { recursive: true, force: true });
});

beforeEach(async (context: TestContext) => {
  if (unavailable) {
    process.stderr.write(`skipped: ${unavailable}\n`);
    context.skip();
  }
  dir = await mkdtemp(join(tmpdir(), 'corroborate-objects-'));
  await cp(template, dir, { recursive: true });
});

afterEach(async () => {
  if (dir && dir !== template) await rm(dir, { recursive: true, force: true });
  dir = '';
});

describe('reading git objects', () => {
  it('reads every loose object as git does', async () => {
    expect((await allObjects()).length).toBeGreaterThan(90);
    expect(await differences()).toEqual([]);
  });

  it('reads every object of a pack whose deltas name their base by offset', async () => {
    await git(['repack', '-adfq']);
    expect(await deltaCount()).toBeGreaterThan(20);
    expect(await differences()).toEqual([]);
  });

  it('reads every object of a pack whose deltas name their base by id', async () => {
    await git(['-c', 'repack.useDeltaBaseOffset=false', 'repack', '-adfq']);
    expect(await deltaCount()).toBeGreaterThan(20);
    expect(await differences()).toEqual([]);
  });

  it('answers null for an object it does not hold', async () => {
    const store = await GitObjectStore.open(join(dir, '.git'));
    expect(await store.read('0123456789abcdef0123456789abcdef01234567')).toBeNull();
    await store.close();
  });
});
