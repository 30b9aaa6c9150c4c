import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnnotationFileSchema } from '../../../shared/model/workspace.js';
import { WORKSPACE_LOCK_FILE_NAME, WorkspaceLock, WorkspaceLockedError } from '../../storage/index.js';
import { makeTempDir } from '../../storage/test-support.js';
import { openWorkbench, type OpenWorkbench } from '../../services/open-workbench.js';
import { DesktopWorkspace, type LeavingHooks } from './desktop-workspace.js';
import { RecentWorkspaces } from './recent-workspaces.js';

let root: string;
let remove: () => Promise<void>;
const opened: OpenWorkbench[] = [];
beforeEach(async () => ({ dir: root, remove } = await makeTempDir('desktop-workspace')));
afterEach(async () => {
  for (const workbench of opened.splice(0)) await workbench.store.close().catch(() => undefined);
  await remove();
});

const openWorkspace = async (dir: string | undefined) => {
  const workbench = await openWorkbench({ workspaceDir: dir, holder: 'desktop app', env: { CORROBORATE_APP_DATA: join(root, 'appdata') } });
  opened.push(workbench);
  return workbench;
};

/** A workspace folder holding the sample articles, closed again. */
async function workspaceWithSamples(name: string): Promise<string> {
  const dir = join(root, name);
  const workbench = await openWorkbench({ workspaceDir: dir, holder: 'cli' });
  await workbench.service.addSampleArticles();
  await workbench.store.close();
  return dir;
}

/** Hooks that record what the shell was told and answer the question with `leaveAnyway`. */
function recordingHooks(leaveAnyway: boolean) {
  const told = { waiting: 0, lossReasons: [] as string[] };
  const hooks: LeavingHooks = {
    onWaiting: () => void told.waiting++,
    confirmLoss: async (reason) => {
      told.lossReasons.push(reason);
      return leaveAnyway;
    },
  };
  return { hooks, told };
}

/** Whether another program could open the workspace now (its lock is free), checked by taking the lock. */
async function canBeOpenedByAnother(dir: string): Promise<boolean> {
  try {
    const lock = await WorkspaceLock.acquire(dir, 'cli', { releaseOnExit: false });
    await lock.release();
    return true;
  } catch (error) {
    if (error instanceof WorkspaceLockedError) return false;
    throw error;
  }
}

async function storedQuotes(dir: string): Promise<string[]> {
  const { service } = await openWorkbench({ workspaceDir: dir, holder: 'cli' }).then((w) => (opened.push(w), w));
  const quotes: string[] = [];
  for (const doc of await service.listDocuments()) {
    const file = join(dir, 'annotations', doc.id, 'owner.json');
    if (!existsSync(file)) continue;
    for (const annotation of AnnotationFileSchema.parse(JSON.parse(await readFile(file, 'utf8'))).annotations) quotes.push(annotation.fragments[0]!.exact);
  }
  return quotes;
}

/**
 * Opens the first article as the window would, runs `beforeEdit`, then asks for a claim on its first
 * words without waiting for the answer (as the window's call is still on its way when quitting).
 */
async function annotateFirstWords(session: DesktopWorkspace, beforeEdit?: () => Promise<void>): Promise<{ documentId: string; exact: string }> {
  const doc = (await session.api.listDocuments())[0]!;
  const { text } = await session.api.openDocument({ documentId: doc.id });
  await beforeEdit?.();
  void session.api.createAnnotation({ documentId: doc.id, labelId: 'claim', ranges: [{ start: 0, end: 12 }] }).catch(() => undefined);
  return { documentId: doc.id, exact: text.slice(0, 12) };
}

/** A real fault: the annotations folder is replaced by a file, so every save into it fails (ENOTDIR). */
async function blockSaving(annotationsDir: string): Promise<void> {
  await rm(annotationsDir, { recursive: true });
  await writeFile(annotationsDir, 'in the way');
}

describe('moving between workspaces in the desktop app', () => {
  it('opens another workspace through the same services, releasing the first one’s lock; both go on the recent list', async () => {
    const first = await workspaceWithSamples('first');
    const second = await workspaceWithSamples('second');
    const recents = new RecentWorkspaces(join(root, 'appdata'));
    const session = await DesktopWorkspace.open(first, openWorkspace, recents, (m) => expect.fail(m));
    expect(await canBeOpenedByAnother(first)).toBe(false);

    const { exact } = await annotateFirstWords(session);
    const { hooks, told } = recordingHooks(false);
    const outcome = await session.switchTo(second, hooks);
    expect(outcome.kind).toBe('switched');
    expect(session.workbench.workspaceDir).toBe(second);
    expect(told.waiting, 'the edit on its way was waited for').toBe(1);
    expect(existsSync(join(first, WORKSPACE_LOCK_FILE_NAME)), 'the first lock file is gone').toBe(false);
    expect(await canBeOpenedByAnother(first)).toBe(true);
    expect(await canBeOpenedByAnother(second)).toBe(false);
    expect(await storedQuotes(first)).toEqual([exact]);
    expect(await session.recentWorkspaces()).toEqual([second, first]);
    expect((await session.api.listDocuments()).length, 'the API serves the second workspace').toBe(5);

    expect((await session.switchTo(`${second}/`, hooks)).kind).toBe('already-open');
    expect(told.waiting).toBe(1);
  });

  it('keeps the first workspace open and locked when the other cannot be opened, saying why', async () => {
    const first = await workspaceWithSamples('first');
    const heldElsewhere = await workspaceWithSamples('held');
    const holder = await openWorkbench({ workspaceDir: heldElsewhere, holder: 'browser host' });
    opened.push(holder);
    const photos = join(root, 'photos');
    await mkdir(photos);
    await writeFile(join(photos, 'holiday.jpg'), 'not a workspace');
    const session = await DesktopWorkspace.open(first, openWorkspace, new RecentWorkspaces(join(root, 'appdata')), (m) => expect.fail(m));
    const { hooks } = recordingHooks(false);

    const locked = await session.switchTo(heldElsewhere, hooks);
    expect(locked).toEqual({ kind: 'failed', message: expect.stringContaining('This workspace is open elsewhere (browser host') });
    const notAWorkspace = await session.switchTo(photos, hooks);
    expect(notAWorkspace).toEqual({ kind: 'failed', message: expect.stringContaining(`${photos} is not a Corroborate workspace`) });
    expect(session.workbench.workspaceDir).toBe(first);
    expect(await canBeOpenedByAnother(first)).toBe(false);
    expect(await session.recentWorkspaces()).toEqual([first]);
  });

  it('takes a recent folder that no longer exists off the list instead of creating it anew', async () => {
    const first = await workspaceWithSamples('first');
    const gone = await workspaceWithSamples('gone');
    const recents = new RecentWorkspaces(join(root, 'appdata'));
    await recents.add(gone);
    await rm(gone, { recursive: true });
    const session = await DesktopWorkspace.open(first, openWorkspace, recents, (m) => expect.fail(m));
    expect(await session.recentWorkspaces()).toEqual([first, gone]);

    const outcome = await session.switchTo(gone, recordingHooks(false).hooks, { fromRecentList: true });
    expect(outcome).toEqual({ kind: 'failed', message: `The folder ${gone} no longer exists, so it was taken off the recent list.` });
    expect(existsSync(gone)).toBe(false);
    expect(await session.recentWorkspaces()).toEqual([first]);
  });
});

describe('the recent list when it cannot be used', () => {
  it('says so, naming the file, and opens the workspace all the same', async () => {
    const first = await workspaceWithSamples('first');
    const recents = new RecentWorkspaces(join(root, 'appdata'));
    await mkdir(join(root, 'appdata'), { recursive: true });
    await writeFile(recents.path, '\u0000\u0000\u0000');
    const problems: string[] = [];
    const session = await DesktopWorkspace.open(first, openWorkspace, recents, (m) => problems.push(m));
    expect(session.workbench.workspaceDir).toBe(first);
    expect(problems).toEqual([expect.stringContaining(`Cannot use ${recents.path}: the file holds only NUL bytes`)]);
    expect(await session.recentWorkspaces()).toEqual([first]);
    expect(existsSync(`${recents.path}.broken`)).toBe(true);
  });
});

describe('leaving a workspace with unsaved edits (quitting)', () => {
  it('waits for an edit still on its way to the disk, says so first, then releases the lock', async () => {
    const dir = await workspaceWithSamples('ws');
    const session = await DesktopWorkspace.open(dir, openWorkspace, new RecentWorkspaces(join(root, 'appdata')), (m) => expect.fail(m));
    const { hooks, told } = recordingHooks(false);
    expect(await session.close(hooks)).toMatchObject({ recoveryFile: null });
    expect(told.waiting, 'nothing to wait for, nothing said').toBe(0);

    const again = await DesktopWorkspace.open(dir, openWorkspace, new RecentWorkspaces(join(root, 'appdata')), (m) => expect.fail(m));
    const { exact } = await annotateFirstWords(again);
    expect(await again.close(hooks)).toMatchObject({ recoveryFile: null });
    expect(told).toEqual({ waiting: 1, lossReasons: [] });
    expect(await canBeOpenedByAnother(dir)).toBe(true);
    expect(await storedQuotes(dir)).toEqual([exact]);
  });

  it('asks before losing edits that cannot be saved: staying keeps them and the lock, and they are saved once the disk is back', async () => {
    const dir = await workspaceWithSamples('ws');
    const session = await DesktopWorkspace.open(dir, openWorkspace, new RecentWorkspaces(join(root, 'appdata')), (m) => expect.fail(m));
    const annotations = join(dir, 'annotations');
    const { exact } = await annotateFirstWords(session, () => blockSaving(annotations));

    const staying = recordingHooks(false);
    expect(await session.close(staying.hooks)).toBeNull();
    expect(staying.told.waiting).toBe(1);
    expect(staying.told.lossReasons).toHaveLength(1);
    expect(staying.told.lossReasons[0]).toMatch(/ENOTDIR|not a directory/i);
    expect(await canBeOpenedByAnother(dir), 'still open here').toBe(false);

    await rm(annotations);
    await mkdir(annotations);
    const leaving = recordingHooks(false);
    expect(await session.close(leaving.hooks)).toMatchObject({ recoveryFile: null });
    expect(leaving.told).toEqual({ waiting: 1, lossReasons: [] });
    expect(await storedQuotes(dir)).toEqual([exact]);
  });

  it('leaves anyway when the user accepts, keeping the unsaved edits in a recovery file and releasing the lock', async () => {
    const first = await workspaceWithSamples('first');
    const second = await workspaceWithSamples('second');
    const problems: string[] = [];
    const session = await DesktopWorkspace.open(first, openWorkspace, new RecentWorkspaces(join(root, 'appdata')), (m) => problems.push(m));
    await annotateFirstWords(session, () => blockSaving(join(first, 'annotations')));
    const { hooks, told } = recordingHooks(true);
    expect((await session.switchTo(second, hooks)).kind).toBe('switched');
    expect(told.lossReasons).toHaveLength(1);
    expect(problems.join('\n')).toContain(join(root, 'appdata', 'recovery'));
    expect(await canBeOpenedByAnother(first)).toBe(true);
  });
});
