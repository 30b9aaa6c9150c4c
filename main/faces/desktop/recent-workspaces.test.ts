import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../storage/test-support.js';
import { RecentWorkspaces, withoutWorkspace, withRecentWorkspace } from './recent-workspaces.js';

describe('the recent workspaces list', () => {
  it('keeps the last five, the latest first, each folder once', () => {
    let list: string[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) list = withRecentWorkspace(list, `/ws/${name}`, 'linux');
    expect(list).toEqual(['/ws/f', '/ws/e', '/ws/d', '/ws/c', '/ws/b']);
    expect(withRecentWorkspace(list, '/ws/c/', 'linux')).toEqual(['/ws/c', '/ws/f', '/ws/e', '/ws/d', '/ws/b']);
  });

  it('compares folders ignoring case where the file system does (Windows, macOS), not on Linux', () => {
    expect(withRecentWorkspace(['/Users/ana/Desk'], '/users/ana/desk', 'darwin')).toEqual(['/users/ana/desk']);
    expect(withRecentWorkspace(['/home/ana/Desk'], '/home/ana/desk', 'linux')).toEqual(['/home/ana/desk', '/home/ana/Desk']);
    expect(withoutWorkspace(['/Users/ana/Desk', '/Users/ana/other'], '/users/ana/desk', 'darwin')).toEqual(['/Users/ana/other']);
  });
});

describe('recent-workspaces.json', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeEach(async () => ({ dir, remove } = await makeTempDir('recent')));
  afterEach(() => remove());

  it('is kept in the app-data folder and read back by the next launch', async () => {
    const recents = new RecentWorkspaces(dir, 'linux');
    expect(recents.path).toBe(join(dir, 'recent-workspaces.json'));
    expect(await recents.read()).toEqual({ workspaces: [], problem: null });
    await recents.add('/ws/a');
    await recents.add('/ws/b');
    expect(await new RecentWorkspaces(dir, 'linux').read()).toEqual({ workspaces: ['/ws/b', '/ws/a'], problem: null });
    expect(await recents.remove('/ws/b')).toEqual(['/ws/a']);
    expect(JSON.parse(await readFile(recents.path, 'utf8'))).toEqual({ schemaVersion: 1, workspaces: ['/ws/a'] });
  });

  it('reports a file written by a newer version by name, and does not lose it', async () => {
    const recents = new RecentWorkspaces(dir, 'linux');
    const newer = JSON.stringify({ schemaVersion: 2, workspaces: ['/ws/kept'], pinned: [] });
    await writeFile(recents.path, newer);
    const read = await recents.read();
    expect(read.workspaces).toEqual([]);
    expect(read.problem).toContain(recents.path);
    expect(read.problem).toContain('newer version');
    await recents.add('/ws/new');
    expect(await readFile(`${recents.path}.broken`, 'utf8')).toBe(newer);
    expect((await recents.read()).workspaces).toEqual(['/ws/new']);
  });
});
