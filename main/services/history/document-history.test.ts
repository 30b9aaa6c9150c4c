import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentHistory, HistoryEntry } from '../../../shared/api/contract/history.js';
import { annotatorIdOf } from '../../../shared/model/annotator.js';
import { openWorkbench, type OpenWorkbench } from '../open-workbench.js';
import { joinWorkspace } from '../sync/join-workspace.js';
import { syncWorkspace } from '../sync/sync-workspace.js';
import { shareSampleWorkspace, TEAM_TOKEN, useTeamServer } from '../sync/sync.test-support.js';
import { WORKSPACE_LAYOUT, workspacePath } from '../../workspace/workspace-layout.js';
import { NOT_SHARED_REASON, readDocumentHistory } from './document-history.js';
import { ANN, BOB, commitAll, makeStoryHistory, NEW_STORY_TEXT, READY, STORY_FILE_TEXT, ZOE } from './history.test-support.js';

// Two annotators with their own working copies of one team workspace, cloned from a real git server
// (Debian's git http-backend on the loopback interface), edit one article through the services and
// sync; the history is read through the contract method, as the app and the CLI read it.

const team = useTeamServer();
const TITLE = 'Hamilton offers words of support for Russell';
const APOLOGY = 'Yesterday wasn’t my proudest day,';
const SUPPORT = 'Lewis Hamilton has offered words of encouragement for George Russell';
const BOBS = 'Russell took out himself';
/** Sharing, joining and five syncs against a server process: more than vitest's default on a busy machine. */
const SYNC_TESTS = { timeout: 120_000 };

/** Opens `dir` as `who` (their own app data, as on their own computer), runs `work`, closes it. */
async function as<T>(who: { name: string; email: string }, dir: string, work: (workbench: OpenWorkbench, documentId: string, text: string) => Promise<T>): Promise<T> {
  const workbench = await openWorkbench({ workspaceDir: dir, create: false, annotator: who.name, email: who.email, env: { CORROBORATE_APP_DATA: join(dir, '..', `${who.name}-app-data`) } });
  try {
    const article = (await workbench.api.listDocuments()).find((d) => d.title === TITLE)!;
    const { text } = await workbench.api.openDocument({ documentId: article.id });
    return await work(workbench, article.id, text);
  } finally {
    await workbench.close();
  }
}

const rangeOf = (text: string, phrase: string) => ({ start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length });
const sync = (dir: string, author: { name: string; email: string }) => syncWorkspace({ dir, token: TEAM_TOKEN, author });

/** Waits until the clock shows the next second, so that each commit has a time of its own (git records seconds). */
async function nextSecond(): Promise<void> {
  const second = Math.floor(Date.now() / 1000);
  while (Math.floor(Date.now() / 1000) === second) await new Promise((resolve) => setTimeout(resolve, 25));
}

/** An entry without its commit id and time, which differ on every run. */
function shape(entry: HistoryEntry) {
  const { commit: _commit, at: _at, ...rest } = entry;
  return rest;
}

const noChangesBy = { label: 0, range: 0, note: 0, attributes: 0, orphaned: 0 };
const annLayer = { id: annotatorIdOf(ANN), name: 'Ann' };
const bobLayer = { id: annotatorIdOf(BOB), name: 'Bob Stone' };
const quoted = (change: 'added' | 'removed' | 'changed', annotationId: string, label: string, quote: string, present: boolean) => ({
  change,
  annotationId,
  labelId: label.toLowerCase(),
  label,
  quote,
  what: [],
  previousLabel: null,
  previousQuote: null,
  note: null,
  present,
});

describe('the history of an article', () => {
  it('lists each commit that changed it, newest first, with who, when and what, and first what is not synced yet', SYNC_TESTS, async () => {
    const a = join(team().root, 'ann');
    const b = join(team().root, 'bob');
    const started = new Date(Math.floor(Date.now() / 1000) * 1000);
    await shareSampleWorkspace(team(), a, 'Ann');
    await joinWorkspace({ remoteUrl: team().remoteUrl, dir: b, token: TEAM_TOKEN });

    await nextSecond();
    const [apology, support] = await as(ANN, a, async ({ api }, documentId, text) => [
      (await api.createAnnotation({ documentId, labelId: 'quote', ranges: [rangeOf(text, APOLOGY)] })).id,
      (await api.createAnnotation({ documentId, labelId: 'claim', ranges: [rangeOf(text, SUPPORT)] })).id,
    ]);
    expect(await sync(a, ANN)).toMatchObject({ status: 'synced', pushed: true });

    await nextSecond();
    const bobs = await as(BOB, b, async ({ api }, documentId, text) => (await api.createAnnotation({ documentId, labelId: 'fact', ranges: [rangeOf(text, BOBS)] })).id);
    // Bob's sync commits his work, fetches Ann's, and merges the two.
    expect(await sync(b, BOB)).toMatchObject({ status: 'synced', pushed: true });

    await nextSecond();
    await as(ANN, a, async ({ api }, documentId, text) => {
      await api.updateAnnotation({ documentId, annotationId: support, labelId: 'fact' });
      await api.updateAnnotation({ documentId, annotationId: apology, note: 'Said on the team radio 🏎️', ranges: [rangeOf(text, 'Yesterday wasn’t my proudest day')] });
    });
    expect(await sync(a, ANN)).toMatchObject({ status: 'synced', pushed: true });
    await as(ANN, a, async ({ api }, documentId) => void (await api.deleteAnnotation({ documentId, annotationId: support })));

    const history = await as(ANN, a, async ({ api }, documentId) => api.getDocumentHistory({ documentId }));
    const finished = new Date();
    expect(history).toMatchObject({ team: true, emptyReason: null, more: false, problems: [] });
    expect(history.entries.map(shape)).toEqual([
      {
        author: null,
        message: '',
        merge: false,
        article: [],
        layers: [{ annotator: annLayer, added: 0, removed: 1, changed: 0, changedBy: noChangesBy, examples: [quoted('removed', support, 'Fact', SUPPORT, false)] }],
      },
      {
        author: ANN,
        message: 'Changes by Ann',
        merge: false,
        article: [],
        layers: [
          {
            annotator: annLayer,
            added: 0,
            removed: 0,
            changed: 2,
            changedBy: { ...noChangesBy, label: 1, range: 1, note: 1 },
            examples: [
              // In the order of the text: the claim comes first.
              { ...quoted('changed', support, 'Fact', SUPPORT, false), what: ['label'], previousLabel: 'Claim' },
              { ...quoted('changed', apology, 'Quote', 'Yesterday wasn’t my proudest day', true), what: ['range', 'note'], previousQuote: APOLOGY, note: 'Said on the team radio 🏎️' },
            ],
          },
        ],
      },
      {
        author: BOB,
        message: 'Changes by Bob Stone',
        merge: false,
        article: [],
        layers: [{ annotator: bobLayer, added: 1, removed: 0, changed: 0, changedBy: noChangesBy, examples: [quoted('added', bobs, 'Fact', BOBS, true)] }],
      },
      {
        author: ANN,
        message: 'Changes by Ann',
        merge: false,
        article: [],
        layers: [
          {
            annotator: annLayer,
            added: 2,
            removed: 0,
            changed: 0,
            changedBy: noChangesBy,
            examples: [quoted('added', support, 'Claim', SUPPORT, false), quoted('added', apology, 'Quote', APOLOGY, true)],
          },
        ],
      },
      { author: ANN, message: expect.stringMatching(/^Share/), merge: false, article: [{ kind: 'added', title: TITLE }], layers: [] },
    ]);
    const [local, ...commits] = history.entries;
    expect(local!.commit).toBeNull();
    for (const entry of commits) expect(entry.commit).toMatch(/^[0-9a-f]{7}$/);
    const times = history.entries.map((e) => new Date(e.at!).getTime());
    expect(times, 'newest first').toEqual([...times].sort((x, y) => y - x));
    for (const time of times) expect(time).toSatisfy((t: number) => t >= started.getTime() && t <= finished.getTime());

    // Bob sees the same commits (his merge of Ann's work adds nothing of its own), and nothing unsynced.
    await sync(b, BOB);
    const bobsView = await as(BOB, b, async ({ api }, documentId) => api.getDocumentHistory({ documentId }));
    expect(bobsView.entries.map((e) => e.commit)).toEqual(commits.map((e) => e.commit));
    const limited = await as(BOB, b, async ({ api }, documentId) => api.getDocumentHistory({ documentId, limit: 2 }));
    expect(limited.entries.map((e) => e.commit)).toEqual(commits.slice(0, 2).map((e) => e.commit));
    expect(limited.more).toBe(true);
  });
});

describe('a workspace that is not a team workspace', () => {
  it('answers with no entries and says history starts when it is shared', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corroborate-history-'));
    try {
      const workbench = await openWorkbench({ workspaceDir: join(dir, 'ws'), env: { CORROBORATE_APP_DATA: join(dir, 'app-data') } });
      await workbench.service.addSampleArticles();
      const [first] = await workbench.api.listDocuments();
      const history: DocumentHistory = await workbench.api.getDocumentHistory({ documentId: first!.id });
      await workbench.close();
      expect(history).toEqual({ team: false, emptyReason: NOT_SHARED_REASON, entries: [], more: false, problems: [] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a history made with git by several people', () => {
  it('lists text replacements, detail changes, relabels and notes, and of a merge only what the merge itself did', async () => {
    const root = await mkdtemp(join(tmpdir(), 'corroborate-history-'));
    try {
      const story = await makeStoryHistory(root);
      const history = await readDocumentHistory({ dir: story.dir, documentId: story.documentId });
      const zoe = { id: annotatorIdOf(ZOE), name: ZOE.name };
      const { commits } = story;
      expect(history).toEqual({
        team: true,
        emptyReason: null,
        more: false,
        problems: [],
        entries: [
          {
            commit: commits.replaced,
            author: BOB,
            at: '2024-05-05T16:45:00.000Z',
            message: 'Bring in the newer text',
            merge: false,
            article: [{ kind: 'text', lengthBefore: STORY_FILE_TEXT.replaceAll('\r\n', '\n').length, lengthAfter: NEW_STORY_TEXT.length }],
            layers: [],
          },
          {
            commit: commits.merged,
            author: ANN,
            at: '2024-05-04T08:15:00.000Z',
            message: 'Merge the note',
            merge: true,
            article: [],
            // The quote's new label and its note each came from one side; only removing the claim is the merge's own.
            layers: [{ annotator: zoe, added: 0, removed: 1, changed: 0, changedBy: noChangesBy, examples: [quoted('removed', story.across, 'Claim', 'on the coast The mayor said', false)] }],
          },
          {
            commit: commits.relabelled,
            author: ZOE,
            at: '2024-05-03T10:00:00.000Z',
            message: 'Relabel the quote',
            merge: false,
            article: [],
            layers: [
              {
                annotator: zoe,
                added: 0,
                removed: 0,
                changed: 1,
                changedBy: { ...noChangesBy, label: 1 },
                examples: [{ ...quoted('changed', story.ready, 'Fact', READY, true), what: ['label'], previousLabel: 'Quote' }],
              },
            ],
          },
          {
            commit: commits.noted,
            author: ZOE,
            at: '2024-05-03T09:00:00.000Z',
            message: 'Note on the quote',
            merge: false,
            article: [],
            layers: [
              {
                annotator: zoe,
                added: 0,
                removed: 0,
                changed: 1,
                changedBy: { ...noChangesBy, note: 1 },
                examples: [{ ...quoted('changed', story.ready, 'Quote', READY, true), what: ['note'], note: 'Checked ✅ against the video' }],
              },
            ],
          },
          {
            commit: commits.annotated,
            author: ZOE,
            at: '2024-05-02T11:30:00.000Z',
            message: 'Mark the mayor',
            merge: false,
            article: [{ kind: 'detail', field: 'title', before: story.title, after: 'Flood warning: the city says it is ready' }],
            layers: [
              {
                annotator: zoe,
                added: 2,
                removed: 0,
                changed: 0,
                changedBy: noChangesBy,
                examples: [quoted('added', story.across, 'Claim', 'on the coast The mayor said', false), quoted('added', story.ready, 'Quote', READY, true)],
              },
            ],
          },
          {
            commit: commits.imported,
            author: ZOE,
            at: '2024-05-01T10:00:00.000Z',
            message: 'Import the story',
            merge: false,
            article: [{ kind: 'added', title: story.title }],
            layers: [],
          },
        ],
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('names a version of a layer file that cannot be read, leaves its changes out, and goes on', async () => {
    const root = await mkdtemp(join(tmpdir(), 'corroborate-history-'));
    try {
      const story = await makeStoryHistory(root);
      const layerFile = workspacePath(story.dir, WORKSPACE_LAYOUT.annotations(story.documentId, annotatorIdOf(ZOE)));
      const good = await readFile(layerFile, 'utf8');
      await writeFile(layerFile, good.slice(0, 40));
      const broken = await commitAll(story.dir, BOB, '2024-05-06T09:00:00Z', 'A damaged copy');
      await writeFile(layerFile, good);
      const repaired = await commitAll(story.dir, BOB, '2024-05-06T10:00:00Z', 'Repaired');
      const history = await readDocumentHistory({ dir: story.dir, documentId: story.documentId });
      expect(history.problems).toEqual([
        `annotations/${story.documentId}/${annotatorIdOf(ZOE)}.json as of commit ${repaired} cannot be read as annotations; what changed in it is left out.`,
        `annotations/${story.documentId}/${annotatorIdOf(ZOE)}.json as of commit ${broken} cannot be read as annotations; what changed in it is left out.`,
      ]);
      expect(history.entries.map((e) => e.commit)).toEqual([story.commits.replaced, story.commits.merged, story.commits.relabelled, story.commits.noted, story.commits.annotated, story.commits.imported]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
