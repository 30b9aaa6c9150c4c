import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { annotatorIdOf } from '../../../shared/model/annotator.js';
import { mergeFileVersions } from '../../../shared/sync/merge-file.js';
import { contentHash } from '../../../shared/text/content-hash.js';
import { makeTempDir } from '../../storage/test-support.js';
import { ReadOnlyWorkspace } from '../../workspace/read-only-workspace.js';
import { openWorkbench, type OpenWorkbench } from '../open-workbench.js';
import { countWorkspace } from '../workspace/workspace-stats.js';
import { workspaceMergeOptions } from '../sync/workspace-merge-rules.js';

let root: string;
let remove: () => Promise<void>;
let workspaceDir: string;
const open: OpenWorkbench[] = [];
beforeEach(async () => {
  ({ dir: root, remove } = await makeTempDir('assignments'));
  workspaceDir = join(root, 'ws');
});
afterEach(async () => {
  for (const workbench of open.splice(0)) await workbench.close();
  await remove();
});

const ANA = { annotator: 'Ana López', email: 'ana@example.org' };
const BOB = { annotator: 'Bob Stone', email: 'bob@example.org' };
const anaId = annotatorIdOf({ name: ANA.annotator, email: ANA.email });
const bobId = annotatorIdOf({ name: BOB.annotator, email: BOB.email });

/** Opens a workspace as someone (each with their own app-data folder, as on their own machine). */
async function openAs(who: typeof ANA, dir = workspaceDir): Promise<OpenWorkbench> {
  const workbench = await openWorkbench({ workspaceDir: dir, env: { CORROBORATE_APP_DATA: join(root, `appdata-${who.annotator}`) }, samplesDir: join(process.cwd(), 'fixtures', 'seeds'), ...who });
  open.push(workbench);
  return workbench;
}

async function close(workbench: OpenWorkbench): Promise<void> {
  open.splice(open.indexOf(workbench), 1);
  await workbench.close();
}

/** Every file of a workspace (but its lock and backups) with its bytes. */
async function filesOf(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split(/[\\/]/).join('/');
    if (path.startsWith('.backups/') || path === 'workspace.lock') continue;
    files.set(path, await readFile(join(dir, path), 'utf8'));
  }
  return files;
}

const workspaceJson = async (dir = workspaceDir) => JSON.parse(await readFile(join(dir, 'workspace.json'), 'utf8')) as { documents: Array<{ id: string; assignees?: unknown }> };

/** Ana and Bob both in a workspace of the sample articles, each with an annotation (so each is an annotator). */
async function teamOfTwo() {
  const ana = await openAs(ANA);
  await ana.api.addSampleArticles();
  const documents = await ana.api.listDocuments();
  await ana.api.createAnnotation({ documentId: documents[0]!.id, labelId: 'claim', ranges: [{ start: 0, end: 8 }] });
  await close(ana);
  const bob = await openAs(BOB);
  await bob.api.createAnnotation({ documentId: documents[0]!.id, labelId: 'fact', ranges: [{ start: 0, end: 8 }] });
  await bob.api.createAnnotation({ documentId: documents[1]!.id, labelId: 'fact', ranges: [{ start: 0, end: 8 }] });
  await close(bob);
  return documents.map((d) => d.id);
}

describe('assignment and status', () => {
  it('keeps assignments in the shared document index and each status in its annotator’s own file, and shows who has done what', async () => {
    const [first, second, third] = await teamOfTwo();
    const ana = await openAs(ANA);
    expect((await ana.api.listMyAssignments()).documents[0]).toEqual({ documentId: first, assignees: [], myStatus: 'not-started', myStatusUpdatedAt: null });
    // Anyone may assign, in bulk; assigning again changes nothing.
    expect(await ana.api.assignDocuments({ documentIds: [first!, second!], annotators: [bobId] })).toEqual([
      { documentId: first, assignees: [bobId] },
      { documentId: second, assignees: [bobId] },
    ]);
    await ana.api.assignDocuments({ documentIds: [first!, third!], annotators: [anaId, bobId] });
    expect((await workspaceJson()).documents.find((d) => d.id === first)!.assignees).toEqual([
      { id: bobId, updatedAt: expect.any(String) },
      { id: anaId, updatedAt: expect.any(String) },
    ]);
    const mine = await ana.api.listMyAssignments();
    expect(mine.me).toBe(anaId);
    expect(mine.documents.slice(0, 3).map((d) => d.assignees)).toEqual([[bobId, anaId], [bobId], [anaId, bobId]]);
    await ana.api.setMyDocumentStatus({ documentId: first!, status: 'done' });
    await close(ana);

    // Bob marks his own status: only his link file changes.
    const bob = await openAs(BOB);
    const before = await filesOf(workspaceDir);
    await bob.api.setMyDocumentStatus({ documentId: first!, status: 'in-progress' });
    await bob.api.setMyDocumentStatus({ documentId: second!, status: 'done' });
    const after = await filesOf(workspaceDir);
    const changed = [...after.keys()].filter((file) => after.get(file) !== before.get(file));
    expect(changed).toEqual([`links/${bobId}.json`]);
    expect(JSON.parse(after.get(`links/${bobId}.json`)!).documentStatus).toEqual({
      [first!]: { status: 'in-progress', updatedAt: expect.any(String) },
      [second!]: { status: 'done', updatedAt: expect.any(String) },
    });
    expect((await bob.api.listMyAssignments()).documents.slice(0, 3).map((d) => d.myStatus)).toEqual(['in-progress', 'done', 'not-started']);

    // The overview: me first, every annotator's status and count per article, and their totals.
    const overview = await bob.api.getTeamOverview();
    expect(overview.annotators.map((a) => [a.id, a.name, a.isMe])).toEqual([
      [bobId, 'Bob Stone', true],
      [anaId, 'Ana López', false],
    ]);
    expect(overview.documents.slice(0, 3).map((d) => [d.assignees, d.progress.map((p) => [p.status, p.annotations])])).toEqual([
      [[bobId, anaId], [['in-progress', 1], ['done', 1]]],
      [[bobId], [['done', 1], ['not-started', 0]]],
      [[anaId, bobId], [['not-started', 0], ['not-started', 0]]],
    ]);
    expect(overview.totals).toEqual([
      { annotator: bobId, assigned: 3, assignedDone: 1, assignedInProgress: 1, done: 1, annotations: 2 },
      { annotator: anaId, assigned: 2, assignedDone: 1, assignedInProgress: 0, done: 1, annotations: 1 },
    ]);

    // Counting: the documents each annotator marked done, in the app and from what is saved (the CLI's `stats`).
    const stats = await bob.api.getStats();
    expect(stats.documentsDoneByAnnotator).toEqual({ [anaId]: 1, [bobId]: 1 });
    const snapshot = await (await ReadOnlyWorkspace.open(workspaceDir)).readSnapshot({ texts: false });
    expect(countWorkspace(snapshot, snapshot.documents.map((d) => d.annotations), snapshot.documents.map((d) => d.meta.id))).toEqual(stats);

    // Unassigning: a document assigned to nobody is stored as if never assigned.
    await bob.api.unassignDocuments({ documentIds: [second!, first!], annotators: [bobId] });
    expect((await workspaceJson()).documents.find((d) => d.id === second)).not.toHaveProperty('assignees');
    expect((await bob.api.listMyAssignments()).documents.slice(0, 2).map((d) => d.assignees)).toEqual([[anaId], []]);
    await close(bob);

    // All of it holds from disk.
    const again = await openAs(ANA);
    expect((await again.api.listMyAssignments()).documents.slice(0, 3).map((d) => [d.assignees, d.myStatus])).toEqual([
      [[anaId], 'done'],
      [[], 'not-started'],
      [[anaId, bobId], 'not-started'],
    ]);
  });

  it('refuses unknown articles and annotators, and the curated layer, naming them and changing nothing', async () => {
    const [first] = await teamOfTwo();
    const ana = await openAs(ANA);
    const before = await filesOf(workspaceDir);
    await expect(ana.api.assignDocuments({ documentIds: [first!, 'no-such-article'], annotators: [bobId] })).rejects.toMatchObject({
      code: 'not-found',
      message: 'There is no article "no-such-article" in this workspace; nothing was assigned.',
    });
    await expect(ana.api.assignDocuments({ documentIds: [first!], annotators: [bobId, 'carol-123456'] })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('There is no annotator "carol-123456" in this workspace'),
    });
    await expect(ana.api.assignDocuments({ documentIds: [first!], annotators: ['curated'] })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(ana.api.assignDocuments({ documentIds: [first!], annotators: ['Not An Id'] })).rejects.toMatchObject({ code: 'not-found' });
    await expect(ana.api.unassignDocuments({ documentIds: ['gone'], annotators: [bobId] })).rejects.toMatchObject({
      code: 'not-found',
      message: 'There is no article "gone" in this workspace; nothing was unassigned.',
    });
    await expect(ana.api.setMyDocumentStatus({ documentId: 'gone', status: 'done' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(ana.api.setMyDocumentStatus({ documentId: first!, status: 'finished' as 'done' })).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await filesOf(workspaceDir)).toEqual(before);
  });

  it('refuses every change while the workspace is read-only, and my status while my link file cannot be read', async () => {
    const [first] = await teamOfTwo();
    const path = join(workspaceDir, 'workspace.json');
    const stored = await readFile(path, 'utf8');
    await writeFile(path, JSON.stringify({ ...JSON.parse(stored), schemaVersion: 99 }));
    const ana = await openAs(ANA);
    const before = await filesOf(workspaceDir);
    const readOnly = { code: 'read-only', message: expect.stringMatching(/^This workspace is open read-only: .*newer version of Corroborate/) };
    await expect(ana.api.assignDocuments({ documentIds: [first!], annotators: [bobId] })).rejects.toMatchObject(readOnly);
    await expect(ana.api.unassignDocuments({ documentIds: [first!], annotators: [bobId] })).rejects.toMatchObject(readOnly);
    await expect(ana.api.setMyDocumentStatus({ documentId: first!, status: 'done' })).rejects.toMatchObject(readOnly);
    expect(await filesOf(workspaceDir)).toEqual(before);
    await close(ana);

    // My link file damaged: my status is refused naming it; assigning (the shared index) still works.
    await writeFile(path, stored);
    const mine = join(workspaceDir, 'links', `${anaId}.json`);
    await writeFile(mine, '{"schemaVersion": 2, "annotator"');
    const again = await openAs(ANA);
    await expect(again.api.setMyDocumentStatus({ documentId: first!, status: 'done' })).rejects.toMatchObject({
      code: 'read-only',
      message: expect.stringContaining(`links/${anaId}.json`),
    });
    expect(await readFile(mine, 'utf8')).toBe('{"schemaVersion": 2, "annotator"');
    await again.api.assignDocuments({ documentIds: [first!], annotators: [bobId] });
  });

  it('lets two people assign the same article at once: synced, both assignments are kept', async () => {
    const [first] = await teamOfTwo();
    const base = await readFile(join(workspaceDir, 'workspace.json'));
    const bobsCopy = join(root, 'bobs-copy');
    await cp(workspaceDir, bobsCopy, { recursive: true });
    const ana = await openAs(ANA);
    await ana.api.assignDocuments({ documentIds: [first!], annotators: [anaId] });
    await close(ana);
    const bob = await openAs(BOB, bobsCopy);
    await bob.api.assignDocuments({ documentIds: [first!], annotators: [bobId] });
    await close(bob);
    const outcome = mergeFileVersions(
      { file: 'workspace.json', base, ours: await readFile(join(workspaceDir, 'workspace.json')), theirs: await readFile(join(bobsCopy, 'workspace.json')) },
      workspaceMergeOptions(),
    );
    expect(outcome.merged).toBe(true);
    const merged = JSON.parse(new TextDecoder().decode((outcome as { content: Uint8Array }).content)) as Awaited<ReturnType<typeof workspaceJson>>;
    const assignees = merged.documents.find((d) => d.id === first)!.assignees as Array<{ id: string }>;
    expect(assignees.map((a) => a.id).sort()).toEqual([anaId, bobId].sort());
  });

  it('keeps the assignment and my status with a new version of an article', async () => {
    const [first] = await teamOfTwo();
    const ana = await openAs(ANA);
    await ana.api.assignDocuments({ documentIds: [first!], annotators: [anaId, bobId] });
    await ana.api.setMyDocumentStatus({ documentId: first!, status: 'in-progress' });
    const old = ana.store.requireDocument(first!);
    const text = `${await ana.store.readText(first!)}\n\nUpdated.`;
    const meta = { ...old, id: 'new-version', contentHash: contentHash(text), length: text.length, assignees: undefined };
    await ana.store.commitDocuments([{ meta, text, annotations: [], replaces: first! }]);
    const row = (await ana.api.listMyAssignments()).documents.find((d) => d.documentId === 'new-version');
    expect(row).toMatchObject({ assignees: [anaId, bobId], myStatus: 'in-progress' });
    expect((await ana.api.listMyAssignments()).documents.some((d) => d.documentId === first)).toBe(false);
  });
});
