import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { WORKSPACE_FILE } from '../../workspace/workspace-folder.js';
import { joinWorkspace, type JoinOptions, type JoinOutcome } from './join-workspace.js';
import { SyncError } from './sync-error.js';
import { LOCK_HELD_BY_CALLER } from './sync-lock.js';

/** Where a join into an open workspace receives the team's files first: ignored by git, this machine's only. */
const STAGING_PARENT = '.backups';
const STAGING_PREFIX = 'joining-';

/**
 * Joins a team into the workspace the app has open, which must be empty (no documents, nothing
 * annotated) and not shared: the team's workspace is cloned beside it first (in `.backups/`, this
 * machine's own), then its files are moved in, the repository (`.git`) last, so until then the
 * folder is no team workspace. What the team's files replace is set aside first and put back if any
 * move fails, so a failure leaves the folder as it was. Resolves to the files moved in (relative,
 * with `/`), which the store then reads again.
 */
export async function joinIntoOpenWorkspace(options: Omit<JoinOptions, 'dir'> & { dir: string }): Promise<JoinOutcome & { files: string[] }> {
  const { dir } = options;
  if (await stat(join(dir, '.git')).catch(() => null)) {
    throw new SyncError('bad-folder', `${dir} is a team workspace already: sync it instead.`);
  }
  // What an interrupted join left behind is only this machine's copy of the team's files.
  await mkdir(join(dir, STAGING_PARENT), { recursive: true });
  for (const name of await readdir(join(dir, STAGING_PARENT))) {
    if (name.startsWith(STAGING_PREFIX)) await rm(join(dir, STAGING_PARENT, name), { recursive: true, force: true });
  }
  const stagingRoot = await mkdtemp(join(dir, STAGING_PARENT, STAGING_PREFIX));
  const staging = join(stagingRoot, 'workspace');
  const setAside = join(stagingRoot, 'replaced');
  try {
    // The staging folder is this call's alone: no lock to take there.
    const outcome = await joinWorkspace({ ...options, dir: staging, holder: LOCK_HELD_BY_CALLER });
    const files = await listFiles(staging, staging);
    // Every entry but the repository, `workspace.json` last of those, then the repository: the commit point.
    const entries = (await readdir(staging)).filter((name) => name !== '.git');
    entries.sort((a, b) => Number(a === WORKSPACE_FILE) - Number(b === WORKSPACE_FILE));
    await moveIn(dir, staging, setAside, [...entries, '.git']);
    return { ...outcome, files };
  } finally {
    await rm(stagingRoot, { recursive: true, force: true });
  }
}

/**
 * Moves `names` from `staging` into `dir`, each entry of `dir` they replace set aside into `setAside`
 * first; when a move fails, what was moved in is removed and what was set aside put back.
 */
export async function moveIn(dir: string, staging: string, setAside: string, names: readonly string[]): Promise<void> {
  await mkdir(setAside, { recursive: true });
  const moved: string[] = [];
  const replaced: string[] = [];
  try {
    for (const name of names) {
      if (await stat(join(dir, name)).catch(() => null)) {
        await rename(join(dir, name), join(setAside, name));
        replaced.push(name);
      }
      await rename(join(staging, name), join(dir, name));
      moved.push(name);
    }
  } catch (error) {
    for (const name of moved.reverse()) await rm(join(dir, name), { recursive: true, force: true });
    for (const name of replaced) await rename(join(setAside, name), join(dir, name));
    throw error;
  }
}

async function listFiles(root: string, folder: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name === '.git' && folder === root) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(root, path)));
    else files.push(relative(root, path).split(/[\\/]/).join('/'));
  }
  return files;
}
