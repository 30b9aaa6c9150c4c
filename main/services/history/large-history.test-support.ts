import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { WORKSPACE_GITIGNORE } from '../sync/team-repository.js';
import { git, gitOutput } from './history.test-support.js';

// A large team workspace's repository, made with Debian's git: what the history has to read through
// on a team that has worked for a while.

/** How big the history is. */
export interface LargeHistorySize {
  articles: number;
  commits: number;
  annotators: number;
  /** Every how many commits the followed article is changed. */
  followedEvery: number;
}

/** The sizes the issue names: 1,000 articles, a few hundred commits. */
export const LARGE_HISTORY: LargeHistorySize = { articles: 1000, commits: 300, annotators: 3, followedEvery: 15 };

/** What was made. */
export interface LargeHistory {
  /** The article whose history is read: changed every `followedEvery` commits. */
  followed: string;
  /** How many commits changed it. */
  followedChanges: number;
}

/**
 * Makes in `dir` a repository (Debian's git, `fast-import`) whose history has `size.commits` commits
 * over a workspace of `size.articles` articles: each commit changes three articles' layers (one
 * annotator each: new annotations, a relabel, a removal) and every tenth one also retitles an
 * article in `workspace.json`. The followed article is among them every `followedEvery` commits.
 * Every article starts with a layer of two annotations. The objects are in one pack made by
 * `git repack`, as a clone receives them; the working tree is checked out at the last commit.
 * Deterministic.
 */
export async function writeLargeHistory(dir: string, size: LargeHistorySize): Promise<LargeHistory> {
  let seed = 7;
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const ids = Array.from({ length: size.articles }, (_, i) => `d${String(i).padStart(4, '0')}-${(i * 2654435761) % 2 ** 32}`);
  const annotators = Array.from({ length: size.annotators }, (_, i) => `annotator-${i}-${String(100000 + i)}`);
  const followed = ids[Math.floor(size.articles / 2)]!;
  const metas = ids.map((id, i) => ({
    id,
    title: `Article ${i}: what the minister said about the budget`,
    outlet: 'The Daily Example',
    date: '2024-03-01',
    url: `https://news.example.org/articles/${id}`,
    sourceFile: `${id}.txt`,
    contentHash: `sha256:${String(i).padStart(64, '0')}`,
    length: 2400,
    normalisation: { bomRemoved: false, lineEndings: 'lf', nfcApplied: false },
    importedAt: '2024-03-02T10:00:00.000Z',
  }));
  const layers = new Map<string, Map<string, StoredLayerAnnotation[]>>();
  const stream: string[] = [];
  const file = (path: string, text: string) => stream.push(`M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
  const layerFiles = (id: string, only?: string) => {
    for (const [who, list] of layers.get(id)!) if (only === undefined || who === only) file(`annotations/${id}/${who}.json`, layerFileText(id, who, list));
  };
  const index = () => file('workspace.json', `${JSON.stringify({ schemaVersion: 2, labels: [], linkTypes: [], documents: metas }, null, 2)}\n`);
  let followedChanges = 0;

  for (let n = 0; n < size.commits; n++) {
    const who = `Annotator ${n % size.annotators} <a${n % size.annotators}@example.org> ${1_714_000_000 + n * 600} +0000`;
    const message = `Changes ${n}`;
    stream.push(`commit refs/heads/main\nauthor ${who}\ncommitter ${who}\ndata ${message.length}\n${message}\n`);
    if (n === 0) {
      // The shared workspace: every article, each annotated by the first annotator.
      file('.gitignore', WORKSPACE_GITIGNORE);
      for (const id of ids) {
        file(`documents/${id}.txt`, `${id} `.repeat(200));
        layers.set(id, new Map([[annotators[0]!, [0, 1].map((k) => ({ id: `${id}-start-${k}`, labelId: 'quote', start: random(2000) }))]]));
        layerFiles(id);
      }
      index();
    }
    const touched = [ids[random(ids.length)]!, ids[random(ids.length)]!, ids[random(ids.length)]!];
    if (n % size.followedEvery === 0) touched[0] = followed;
    if (touched.includes(followed)) followedChanges++;
    for (const id of new Set(touched)) {
      const annotator = annotators[random(annotators.length)]!;
      const annotations = layers.get(id)!.get(annotator) ?? [];
      layers.get(id)!.set(annotator, annotations);
      for (let k = 0; k < 3; k++) annotations.push({ id: `${id}-${n}-${k}`, labelId: 'claim', start: random(2000) });
      if (annotations.length > 4) annotations[random(annotations.length)]!.labelId = 'fact';
      if (annotations.length > 6) annotations.splice(random(annotations.length), 1);
      layerFiles(id, annotator);
    }
    if (n % 10 === 0) {
      metas[random(metas.length)]!.title += ' (updated)';
      index();
    }
  }
  await git(dir, ['init', '-q', '-b', 'main']);
  await gitOutput(dir, ['fast-import', '--quiet'], { input: stream.join('') });
  // Packed as a clone receives it: `fast-import` keeps every first delta it made.
  await git(dir, ['repack', '-adfq']);
  await git(dir, ['checkout', '-q', '-f', 'main']);
  return { followed, followedChanges };
}

/** Turns the repository's pack into loose objects, as local commits leave them before anything packs them. */
export async function unpackObjects(dir: string): Promise<void> {
  const packs = join(dir, '.git', 'objects', 'pack');
  const aside = join(dir, '.git', 'packs-aside');
  await rename(packs, aside);
  await mkdir(packs);
  for (const name of (await readdir(aside)).filter((n) => n.endsWith('.pack'))) await gitOutput(dir, ['unpack-objects', '-q'], { input: await readFile(join(aside, name)) });
  await rm(aside, { recursive: true });
}

/** One annotation of the generated layers: what the history compares. */
interface StoredLayerAnnotation {
  id: string;
  labelId: string;
  start: number;
}

function layerFileText(documentId: string, annotator: string, annotations: readonly StoredLayerAnnotation[]): string {
  const stored = annotations.map((a) => ({
    id: a.id,
    documentId,
    labelId: a.labelId,
    fragments: [{ start: a.start, end: a.start + 40, exact: 'the minister said about the budget today', prefix: 'what ', suffix: ' and' }],
    contentHash: `sha256:${'0'.repeat(64)}`,
    attributes: {},
    note: '',
    author: annotator,
    annotator,
    createdAt: '2024-03-02T10:00:00.000Z',
    updatedAt: '2024-03-02T10:00:00.000Z',
    orphaned: false,
  }));
  return `${JSON.stringify({ schemaVersion: 2, documentId, annotator, contentHash: `sha256:${'0'.repeat(64)}`, annotations: stored }, null, 2)}\n`;
}
