import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveIn } from './join-into-open-workspace.js';

let root = '';
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'corroborate-move-in-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** An open workspace (an empty `documents/`, its own `workspace.json`) and the team's files staged beside it. */
async function openWorkspaceAndTeamFiles(): Promise<{ dir: string; staging: string }> {
    const dir = join(root, 'ws');
    const staging = join(root, 'staging');
    await mkdir(join(dir, 'documents'), { recursive: true });
    await writeFile(join(dir, 'workspace.json'), 'mine');
    await mkdir(join(staging, 'documents'), { recursive: true });
    await writeFile(join(staging, 'documents', 'a.txt'), 'team text');
    await writeFile(join(staging, 'workspace.json'), 'team');
  return { dir, staging };
}

describe('moving the team’s files into the open workspace', () => {
  it('puts back what it replaced and removes what it moved in when a move fails part way', async () => {
    const { dir, staging } = await openWorkspaceAndTeamFiles();
    // `.git` is missing from the staging folder, so its move fails after the others were made.
    await expect(moveIn(dir, staging, join(root, 'aside'), ['documents', 'workspace.json', '.git'])).rejects.toThrow(/ENOENT/);
    expect((await readdir(dir)).sort()).toEqual(['documents', 'workspace.json']);
    expect(await readdir(join(dir, 'documents'))).toEqual([]);
    expect(await readFile(join(dir, 'workspace.json'), 'utf8')).toBe('mine');
  });

  it('moves every entry in, replacing what was there', async () => {
    const { dir, staging } = await openWorkspaceAndTeamFiles();
    await moveIn(dir, staging, join(root, 'aside'), ['documents', 'workspace.json']);
    expect(await readFile(join(dir, 'documents', 'a.txt'), 'utf8')).toBe('team text');
    expect(await readFile(join(dir, 'workspace.json'), 'utf8')).toBe('team');
  });
});
