import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { annotatorIdOf } from '../../../shared/model/annotator.js';
import { contentHash } from '../../../shared/text/content-hash.js';
import { WORKSPACE_LAYOUT, workspacePath } from '../../workspace/workspace-layout.js';
import { openWorkbench, type OpenWorkbench } from '../open-workbench.js';
import { ensureGitignore } from '../sync/team-repository.js';

// A team workspace's history made with Debian's git, each commit by a named author at a fixed time,
// for the tests of reading it (the service, the command line, the app).

/** Someone who commits, and when. */
export interface Committer {
  name: string;
  email: string;
}

/** Zoë, who imports and annotates the article. */
export const ZOE: Committer = { name: 'Zoë Ångström', email: 'zoe@example.org' };
/** Bob, who replaces its text. */
export const BOB: Committer = { name: 'Bob Stone', email: 'bob@example.org' };
/** Ann, who merges. */
export const ANN: Committer = { name: 'Ann', email: 'ann@example.org' };

/** The article as its file has it: CRLF line endings and emoji (a flag, a skin tone, a sequence). */
export const STORY_FILE_TEXT = 'Flood warning 🌊 on the coast\r\nThe mayor said: “We are ready 👍🏽” on Monday.\r\nOfficials 🇺🇦 and 👩‍🚒 crews disagree.\r\n';
/** The text that replaces it later. */
export const NEW_STORY_TEXT = 'Flood warning 🌊 on the coast\nThe mayor said on Monday that the city is ready.\nOfficials disagree.\n';
/** The quote Zoë marks (emoji with a skin tone inside). */
export const READY = 'We are ready 👍🏽';
/** The claim Zoë marks across a line break (stored as LF once imported). */
export const ACROSS = 'on the coast\nThe mayor said';

/** How `gitOutput` runs git. */
export interface GitRunOptions {
  /** Who commits (author and committer), and when (ISO 8601). */
  as?: { who: Committer; time: string };
  /** What git reads on its standard input. */
  input?: string | Buffer;
}

/**
 * Runs Debian's git in `cwd` (no user or system configuration) and resolves to what it printed;
 * rejects with what it said when it fails.
 */
export function gitOutput(cwd: string, args: string[], options: GitRunOptions = {}): Promise<Buffer> {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  if (options.as) {
    const { who, time } = options.as;
    Object.assign(env, { GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_AUTHOR_DATE: time, GIT_COMMITTER_NAME: who.name, GIT_COMMITTER_EMAIL: who.email, GIT_COMMITTER_DATE: time });
  }
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let said = '';
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => (said += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`git ${args.join(' ')} failed (${code}): ${said}`))));
    if (options.input !== undefined) {
      // A git that fails early closes its input: its exit code and message say why, not the broken pipe.
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(options.input);
    }
  });
}

/** Runs Debian's git in `cwd`, as `who` at `time` when given; resolves to what it printed, trimmed. */
export async function git(cwd: string, args: string[], who?: Committer, time?: string): Promise<string> {
  return (await gitOutput(cwd, args, who && time ? { as: { who, time } } : {})).toString('utf8').trim();
}

/** Commits everything in the workspace `dir` as `who` at `time` (ISO 8601); resolves to the short commit id. */
export async function commitAll(dir: string, who: Committer, time: string, message: string): Promise<string> {
  await git(dir, ['add', '-A']);
  await git(dir, ['commit', '-q', '-m', message], who, time);
  return git(dir, ['rev-parse', '--short=7', 'HEAD']);
}

/** Opens the workspace as `who` (their own app data), runs `work`, closes it. */
export async function asAnnotator<T>(dir: string, who: Committer, work: (workbench: OpenWorkbench) => Promise<T>): Promise<T> {
  const workbench = await openWorkbench({ workspaceDir: dir, create: false, annotator: who.name, email: who.email, env: { CORROBORATE_APP_DATA: join(dir, '..', 'app-data') } });
  try {
    return await work(workbench);
  } finally {
    await workbench.close();
  }
}

/** What the story's history was made of. */
export interface StoryHistory {
  dir: string;
  documentId: string;
  title: string;
  /** Short ids of the commits, oldest first. */
  commits: { imported: string; annotated: string; noted: string; relabelled: string; merged: string; replaced: string };
  ready: string;
  across: string;
}

/**
 * A workspace in `root/ws` whose history, made with Debian's git, is: Zoë imports the story (CRLF
 * and emoji); Zoë marks two spans and retitles it; on a side branch she adds a note to the quote,
 * while on main she relabels it; Ann merges the two, and in the merge also removes the claim; Bob
 * replaces the story's text (as a teammate's older copy would bring in). The working tree is clean.
 */
export async function makeStoryHistory(root: string): Promise<StoryHistory> {
  const dir = join(root, 'ws');
  const workbench = await openWorkbench({ workspaceDir: dir, annotator: ZOE.name, email: ZOE.email, env: { CORROBORATE_APP_DATA: join(root, 'app-data') } });
  const bytes = Buffer.from(STORY_FILE_TEXT, 'utf8');
  const { importId } = await workbench.api.beginImport();
  await workbench.api.addImportFiles({ importId, files: [{ fileKey: 'story', path: 'story.txt', fromFolder: false, size: bytes.length, offset: 0, base64: bytes.toString('base64') }] });
  const imported = await workbench.api.commitImport({ importId, replace: [] });
  await workbench.close();
  if (imported.added.length !== 1) throw new Error(`the story was not imported: ${JSON.stringify(imported)}`);
  await git(dir, ['init', '-q', '-b', 'main']);
  await ensureGitignore(dir);
  const commits = { imported: await commitAll(dir, ZOE, '2024-05-01T10:00:00Z', 'Import the story') } as StoryHistory['commits'];

  const { documentId, title, ready, across } = await asAnnotator(dir, ZOE, async ({ api }) => {
    const [document] = await api.listDocuments();
    const { text } = await api.openDocument({ documentId: document!.id });
    const range = (phrase: string) => ({ start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length });
    const made = {
      documentId: document!.id,
      title: document!.title,
      across: (await api.createAnnotation({ documentId: document!.id, labelId: 'claim', ranges: [range(ACROSS)] })).id,
      ready: (await api.createAnnotation({ documentId: document!.id, labelId: 'quote', ranges: [range(READY)] })).id,
    };
    await api.updateDocumentMeta({ documentId: document!.id, title: 'Flood warning: the city says it is ready' });
    return made;
  });
  commits.annotated = await commitAll(dir, ZOE, '2024-05-02T11:30:00Z', 'Mark the mayor');

  await git(dir, ['checkout', '-q', '-b', 'side']);
  await asAnnotator(dir, ZOE, ({ api }) => api.updateAnnotation({ documentId, annotationId: ready, note: 'Checked ✅ against the video' }));
  commits.noted = await commitAll(dir, ZOE, '2024-05-03T09:00:00Z', 'Note on the quote');
  await git(dir, ['checkout', '-q', 'main']);
  await asAnnotator(dir, ZOE, ({ api }) => api.updateAnnotation({ documentId, annotationId: ready, labelId: 'fact' }));
  commits.relabelled = await commitAll(dir, ZOE, '2024-05-03T10:00:00Z', 'Relabel the quote');

  // Ann merges: the quote gets both the new label and the note; the merge itself also removes the claim.
  await git(dir, ['merge', '-q', '-s', 'ours', '--no-commit', 'side'], ANN, '2024-05-04T08:15:00Z');
  const layerFile = workspacePath(dir, WORKSPACE_LAYOUT.annotations(documentId, annotatorIdOf(ZOE)));
  const layer = JSON.parse(await readFile(layerFile, 'utf8')) as { annotations: { id: string; note: string }[] };
  layer.annotations = layer.annotations.filter((a) => a.id !== across).map((a) => (a.id === ready ? { ...a, note: 'Checked ✅ against the video' } : a));
  await writeFile(layerFile, `${JSON.stringify(layer, null, 2)}\n`);
  await git(dir, ['add', '-A']);
  await git(dir, ['commit', '-q', '--no-edit', '-m', 'Merge the note'], ANN, '2024-05-04T08:15:00Z');
  commits.merged = await git(dir, ['rev-parse', '--short=7', 'HEAD']);

  // Bob's copy brings another text of the article under the same id.
  await writeFile(workspacePath(dir, WORKSPACE_LAYOUT.text(documentId)), NEW_STORY_TEXT);
  const indexFile = join(dir, 'workspace.json');
  const index = JSON.parse(await readFile(indexFile, 'utf8')) as { documents: { id: string; contentHash: string; length: number }[] };
  for (const d of index.documents) if (d.id === documentId) Object.assign(d, { contentHash: contentHash(NEW_STORY_TEXT), length: NEW_STORY_TEXT.length });
  await writeFile(indexFile, `${JSON.stringify(index, null, 2)}\n`);
  commits.replaced = await commitAll(dir, BOB, '2024-05-05T16:45:00Z', 'Bring in the newer text');
  return { dir, documentId, title, commits, ready, across };
}
