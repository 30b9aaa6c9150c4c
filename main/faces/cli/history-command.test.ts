import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, type TestContext } from 'vitest';
import { formatLocalMinute } from '../../../shared/text/local-minute.js';
import { debianGitUnavailableReason } from '../../../tools/git-server/debian-git.js';
import { readDocumentHistory } from '../../services/history/document-history.js';
import { asAnnotator, makeStoryHistory, ZOE, type StoryHistory } from '../../services/history/history.test-support.js';
import { ReadOnlyWorkspace } from '../../services/workspace/workspace-upkeep.js';
import { runCliCapturing, runCliProcess } from './cli.test-support.js';
import { findArticle } from './history-command.js';

// `corroborate history` on a team workspace whose history Debian's git made: Zoë imports a story
// with CRLF line endings and emoji, annotates and retitles it, Ann merges, Bob replaces its text.

let root = '';
let story: StoryHistory;

beforeEach(async (context: TestContext) => {
  const unavailable = debianGitUnavailableReason();
  if (unavailable) {
    process.stderr.write(`skipped: ${unavailable}\n`);
    context.skip();
  }
  root = await mkdtemp(join(tmpdir(), 'corroborate-history-cli-'));
  story = await makeStoryHistory(root);
});

afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
  root = '';
});

const at = (iso: string) => formatLocalMinute(new Date(iso));

describe('corroborate history', () => {
  it('prints who changed what in the article, newest first, found by a part of its title', async () => {
    const { commits } = story;
    const run = await runCliCapturing('history', '--workspace', story.dir, '--document', 'FLOOD warning');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      `History of “Flood warning: the city says it is ready” (${story.documentId}), newest first:

${commits.replaced}  Bob Stone <bob@example.org>  ${at('2024-05-05T16:45:00Z')}  Bring in the newer text
  Text replaced (118 → 99 characters)

${commits.merged}  Ann <ann@example.org>  ${at('2024-05-04T08:15:00Z')}  (merge)  Merge the note
  Zoë Ångström’s annotations: 1 removed
    Claim “on the coast The mayor said”: removed

${commits.relabelled}  Zoë Ångström <zoe@example.org>  ${at('2024-05-03T10:00:00Z')}  Relabel the quote
  Zoë Ångström’s annotations: 1 changed (1 relabelled)
    Fact “We are ready 👍🏽”: relabelled (was Quote)

${commits.noted}  Zoë Ångström <zoe@example.org>  ${at('2024-05-03T09:00:00Z')}  Note on the quote
  Zoë Ångström’s annotations: 1 changed (1 note changed)
    Quote “We are ready 👍🏽”: note: “Checked ✅ against the video”

${commits.annotated}  Zoë Ångström <zoe@example.org>  ${at('2024-05-02T11:30:00Z')}  Mark the mayor
  Title: “Flood warning 🌊 on the coast” → “Flood warning: the city says it is ready”
  Zoë Ångström’s annotations: 2 added
    Claim “on the coast The mayor said”: added
    Quote “We are ready 👍🏽”: added

${commits.imported}  Zoë Ångström <zoe@example.org>  ${at('2024-05-01T10:00:00Z')}  Import the story
  Article added: “Flood warning 🌊 on the coast”
`,
    );
  });

  it('prints JSON by the article’s id, lists the newest few with --limit, and says older ones exist', async () => {
    const json = await runCliCapturing('history', '--workspace', story.dir, '--document', story.documentId, '--json');
    expect(json.code).toBe(0);
    const history = await readDocumentHistory({ dir: story.dir, documentId: story.documentId });
    expect(JSON.parse(json.stdout)).toEqual({ documentId: story.documentId, title: 'Flood warning: the city says it is ready', ...history });

    const limited = await runCliCapturing('history', '--workspace', story.dir, '--document', story.documentId, '--limit', '2');
    expect(limited.code).toBe(0);
    expect(limited.stdout).toContain(`${story.commits.merged}  Ann`);
    expect(limited.stdout).not.toContain(story.commits.relabelled);
    expect(limited.stdout.trimEnd().split('\n').at(-1)).toBe('Older changes are not listed: --limit 4 lists more.');
  });

  it('lists what is saved here and not yet committed first, and reads while the app has the workspace open', async () => {
    await asAnnotator(story.dir, ZOE, async ({ api }) => {
      await api.updateDocumentMeta({ documentId: story.documentId, outlet: 'Coast Gazette' });
    });
    // The workspace is open (its lock held) while the history is read.
    const run = await asAnnotator(story.dir, ZOE, () => runCliCapturing('history', '--workspace', story.dir, '--document', story.documentId));
    expect(run.code).toBe(0);
    const [, first] = run.stdout.split('\n\n');
    expect(first).toMatch(/^Not yet synced \(saved here, last at \d{4}-\d\d-\d\d \d\d:\d\d\)\n {2}Outlet: none → “Coast Gazette”$/);
  });

  it('says a workspace that is not a team workspace has no history yet', async () => {
    const plain = join(root, 'plain');
    await mkdir(plain);
    await writeFile(join(root, 'note.txt'), 'A note about nothing in particular.\n');
    expect((await runCliCapturing('import', '--workspace', plain, join(root, 'note.txt'))).code).toBe(0);
    const run = await runCliProcess('history', '--workspace', plain, '--document', 'note');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^History of “.*” \(.+\): Not a team workspace: history starts when it is shared\.\n$/);
  });

  it('refuses what it cannot answer, saying why', async () => {
    expect(await runCliCapturing('history', '--workspace', story.dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^history needs --document ID_OR_TITLE/) });
    expect(await runCliCapturing('history', '--workspace', story.dir, '--document', 'flood', '--limit', '0')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^--limit takes a whole number from 1 to 500\./) });
    expect(await runCliCapturing('history', '--workspace', story.dir, '--document', 'volcano')).toEqual({ code: 1, stdout: '', stderr: `No article of ${story.dir} has the id or a title like “volcano”.\n` });
    const [meta] = (await ReadOnlyWorkspace.open(story.dir).then((w) => w.readIndex())).documents;
    const twins = [1, 2, 3, 4, 5, 6].map((n) => ({ ...meta!, id: `twin-${n}`, title: `Flood report ${n}` }));
    expect(() => findArticle(twins, 'flood report', story.dir)).toThrow(
      `6 articles of ${story.dir} match “flood report”; give one’s id:\n  twin-1  Flood report 1\n  twin-2  Flood report 2\n  twin-3  Flood report 3\n  twin-4  Flood report 4\n  twin-5  Flood report 5\n  …`,
    );
    expect(findArticle(twins, 'Flood report 3', story.dir).id).toBe('twin-3');
    const missing = join(root, 'missing');
    expect(await runCliCapturing('history', '--workspace', missing, '--document', 'flood')).toMatchObject({ code: 1, stderr: expect.stringContaining(missing) });
  });
});
