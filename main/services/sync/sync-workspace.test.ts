import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Label } from '../../../shared/model/label-schema.js';
import { checkWorkspace } from '../../workspace/check-workspace.js';
import { joinWorkspace } from './join-workspace.js';
import { pendingConflicts, resolveConflicts, syncWorkspace } from './sync-workspace.js';
import {
  fsckProblems,
  runGit,
  serverHead,
  shareSampleWorkspace,
  TEAM_TOKEN,
  useTeamServer,
  withWorkbench,
  workspaceState,
} from './sync.test-support.js';

// Two annotators, each with a full working copy cloned from a real git server (Debian's git
// http-backend on the loopback interface), edit through the real services and sync both ways.

const team = useTeamServer();
const ann = { name: 'Ann', email: 'ann@example.org' };
const bob = { name: 'Bob' };
const sync = (dir: string, author: { name: string; email?: string }) => syncWorkspace({ dir, token: TEAM_TOKEN, author });

/** Two working copies of one team workspace: Ann's shared it, Bob's joined it. */
async function twoAnnotators(): Promise<{ a: string; b: string }> {
  const a = join(team().root, 'ann');
  const b = join(team().root, 'bob');
  await shareSampleWorkspace(team(), a, 'Ann');
  await joinWorkspace({ remoteUrl: team().remoteUrl, dir: b, token: TEAM_TOKEN });
  return { a, b };
}

/** Annotates characters `start`–`end` of the `index`-th article; resolves to the annotation's id. */
function annotate(dir: string, index: number, start: number, end: number, labelId = 'claim'): Promise<string> {
  return withWorkbench(dir, async ({ api }) => {
    const documents = await api.listDocuments();
    return (await api.createAnnotation({ documentId: documents[index]!.id, labelId, ranges: [{ start, end }] })).id;
  });
}

/** Changes one label of the workspace through the services. */
function editLabel(dir: string, id: string, change: (label: Label) => void): Promise<void> {
  return withWorkbench(dir, async ({ api, store }) => {
    const labels = structuredClone(store.workspace.labels) as Label[];
    change(labels.find((l) => l.id === id)!);
    await api.saveLabels({ labels, deleteAnnotationsOfRemovedLabels: false });
  });
}

/** Every annotation id of the workspace, and its labels, as the services read them. */
function contentsOf(dir: string): Promise<{ annotations: string[]; labels: Label[] }> {
  return withWorkbench(dir, async ({ api, store }) => {
    const annotations: string[] = [];
    for (const document of await api.listDocuments()) {
      for (const annotation of await store.readAnnotations(document.id)) annotations.push(annotation.id);
    }
    return { annotations: annotations.sort(), labels: structuredClone(store.workspace.labels) as Label[] };
  });
}

/** The shared files of a working copy (its local backups aside), by content. */
async function sharedFiles(dir: string): Promise<Record<string, string>> {
  const { files } = await workspaceState(dir);
  return Object.fromEntries(Object.entries(files).filter(([path]) => !path.startsWith('.backups/')));
}

describe('syncing a team workspace', () => {
  it('joins into a folder that opens as a workspace, with every file checked sound', async () => {
    const { a, b } = await twoAnnotators();
    expect(await checkWorkspace(b)).toEqual([]);
    expect(await sharedFiles(b)).toEqual(await sharedFiles(a));
    expect((await contentsOf(b)).labels).toEqual((await contentsOf(a)).labels);
    expect(await readFile(join(b, '.gitignore'), 'utf8')).toContain('/workspace.lock');
    expect((await runGit(['status', '--porcelain'], { cwd: b })).stdout).toBe('');
  });

  it('merges edits to different files and to different fields of the same JSON file; every annotation is on both sides after', async () => {
    const { a, b } = await twoAnnotators();
    const made = [
      await annotate(a, 0, 0, 12), // Ann and Bob both annotate the first article: one annotation file, changed on both sides
      await annotate(a, 1, 4, 20, 'fact'),
      await annotate(b, 0, 30, 45, 'quote'),
      await annotate(b, 2, 10, 25),
    ];
    await editLabel(a, 'claim', (label) => (label.colour = '#123456'));
    await editLabel(b, 'claim', (label) => (label.description = 'Something someone asserts as true.'));

    expect(await sync(a, ann)).toMatchObject({ status: 'synced', pushed: true, received: [] });
    const bobs = await sync(b, bob);
    expect(bobs).toMatchObject({ status: 'synced', pushed: true, pushAttempts: 1 });
    expect(await sync(a, ann)).toMatchObject({ status: 'synced', pushed: false });

    const [contentsA, contentsB] = [await contentsOf(a), await contentsOf(b)];
    expect(contentsA.annotations).toEqual([...made].sort());
    expect(contentsB).toEqual(contentsA);
    const claim = contentsA.labels.find((l) => l.id === 'claim')!;
    expect(claim).toMatchObject({ colour: '#123456', description: 'Something someone asserts as true.' });
    expect(await sharedFiles(a)).toEqual(await sharedFiles(b));
    for (const dir of [a, b]) {
      expect(await checkWorkspace(dir)).toEqual([]);
      expect((await runGit(['status', '--porcelain'], { cwd: dir })).stdout).toBe('');
      expect(await fsckProblems(join(dir, '.git'))).toBe('');
    }
    const head = bobs.status === 'synced' ? bobs.head : '';
    expect(await serverHead(team())).toBe(head);
    expect((await runGit(['log', '-1', '--format=%P %an', head], { cwd: b })).stdout.trim()).toMatch(/^[0-9a-f]{40} [0-9a-f]{40} Bob$/);
  });

  it('stops at a field both changed differently, shows both versions, and settles it by choice; then both sides are equal', async () => {
    const { a, b } = await twoAnnotators();
    const defaultColour = (await contentsOf(a)).labels.find((l) => l.id === 'claim')!.colour;
    await editLabel(a, 'claim', (label) => (label.colour = '#111111'));
    await editLabel(b, 'claim', (label) => (label.colour = '#222222'));
    const bobsAnnotation = await annotate(b, 3, 0, 9);
    expect(await sync(a, ann)).toMatchObject({ status: 'synced' });

    const before = await workspaceState(b);
    const stopped = await sync(b, bob);
    expect(stopped).toEqual({
      status: 'conflicts',
      conflicts: [
        {
          kind: 'field',
          id: 'workspace.json#labels[id=claim].colour',
          file: 'workspace.json',
          path: ['labels', { id: 'claim' }, 'colour'],
          where: 'labels[id=claim].colour',
          base: defaultColour,
          ours: '#222222',
          theirs: '#111111',
          absent: [],
        },
      ],
    });
    expect(await workspaceState(b)).toEqual(before); // nothing merged, committed or written
    expect(await pendingConflicts(b)).toEqual(stopped.status === 'conflicts' ? stopped.conflicts : []);

    const settled = await resolveConflicts({ dir: b, token: TEAM_TOKEN, author: bob, choices: { 'workspace.json#labels[id=claim].colour': 'ours' } });
    expect(settled).toMatchObject({ status: 'synced', pushed: true });
    expect(await pendingConflicts(b)).toEqual([]);
    expect(await sync(a, ann)).toMatchObject({ status: 'synced' });
    const [contentsA, contentsB] = [await contentsOf(a), await contentsOf(b)];
    expect(contentsA.labels.find((l) => l.id === 'claim')!.colour).toBe('#222222');
    expect(contentsB).toEqual(contentsA);
    expect(contentsA.annotations).toContain(bobsAnnotation);
    expect(await sharedFiles(a)).toEqual(await sharedFiles(b));
  });

  it('makes a text file both changed differently one conflict, settled by the version chosen', async () => {
    const { a, b } = await twoAnnotators();
    await writeFile(join(a, 'NOTES.md'), 'Ann: check the second quote.\n');
    await writeFile(join(b, 'NOTES.md'), 'Bob: the date is wrong.\n');
    await sync(a, ann);
    const stopped = await sync(b, bob);
    expect(stopped).toMatchObject({ status: 'conflicts', conflicts: [{ kind: 'file', id: 'NOTES.md', base: null, ours: 'Bob: the date is wrong.\n', theirs: 'Ann: check the second quote.\n' }] });
    expect(await resolveConflicts({ dir: b, token: TEAM_TOKEN, author: bob, choices: { 'NOTES.md': 'theirs' } })).toMatchObject({ status: 'synced' });
    expect(await readFile(join(b, 'NOTES.md'), 'utf8')).toBe('Ann: check the second quote.\n');
    await expect(resolveConflicts({ dir: b, token: TEAM_TOKEN, author: bob, choices: {} })).rejects.toThrow('No conflicts are waiting');
  });

  it('sends what the folder holds: files added, changed, deleted, and one put back after a stray `git add`', async () => {
    const { a, b } = await twoAnnotators();
    await writeFile(join(a, 'NOTES.md'), 'first draft\n');
    await writeFile(join(a, 'SOURCES.md'), 'wire copy\n');
    await sync(a, ann);
    await sync(b, bob);
    expect(await readFile(join(b, 'NOTES.md'), 'utf8')).toBe('first draft\n');
    await writeFile(join(a, 'NOTES.md'), 'staged by hand\n');
    await runGit(['add', 'NOTES.md'], { cwd: a }); // Debian git stages one version…
    await writeFile(join(a, 'NOTES.md'), 'first draft\n'); // …and the file goes back to what was sent
    await rm(join(a, 'SOURCES.md'));
    await sync(a, ann);
    await sync(b, bob);
    expect(await readFile(join(b, 'NOTES.md'), 'utf8')).toBe('first draft\n');
    await writeFile(join(a, 'NOTES.md'), 'second draft\n');
    await sync(a, ann);
    await sync(b, bob);
    expect(await readFile(join(b, 'NOTES.md'), 'utf8')).toBe('second draft\n');
    await expect(readFile(join(b, 'SOURCES.md'))).rejects.toMatchObject({ code: 'ENOENT' });
    for (const dir of [a, b]) expect((await runGit(['status', '--porcelain'], { cwd: dir })).stdout).toBe('');
  });

  it('fetches, merges and pushes again when someone pushed first', async () => {
    const { a, b } = await twoAnnotators();
    const annsAnnotation = await annotate(a, 0, 0, 10);
    const bobsAnnotation = await annotate(b, 1, 0, 10);
    let raced = false;
    const outcome = await syncWorkspace({
      dir: b,
      token: TEAM_TOKEN,
      author: bob,
      onProgress: async ({ phase }) => {
        if (phase !== 'pushing' || raced) return;
        raced = true;
        expect(await sync(a, ann)).toMatchObject({ status: 'synced', pushed: true }); // Ann pushes between Bob's fetch and push
      },
    });
    expect(outcome).toMatchObject({ status: 'synced', pushed: true, pushAttempts: 2 });
    await sync(a, ann);
    for (const dir of [a, b]) expect((await contentsOf(dir)).annotations).toEqual([annsAnnotation, bobsAnnotation].sort());
    expect(await fsckProblems(team().bareRepo)).toBe('');
  });
});
