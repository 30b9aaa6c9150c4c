import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { FieldConflictSchema, FileConflictSchema } from '../../../shared/api/contract/sync.js';
import type { SyncConflict } from '../../../shared/sync/merge-file.js';
import { writeFileDurably } from '../../storage/index.js';

/**
 * The conflicts the last sync stopped at, kept inside the repository's `.git` folder (never in the
 * working tree, so never shared) until a sync settles them, so that a choice made later — in
 * another run of the CLI, or after the app restarted — applies to exactly what was shown.
 */
const PENDING_FILE = join('.git', 'corroborate', 'conflicts.json');

const PathStepSchema = z.union([z.string(), z.object({ id: z.string() })]);
// As the app shows them, plus the path the merge finds the value by again.
const ConflictSchema = z.discriminatedUnion('kind', [FieldConflictSchema.extend({ path: z.array(PathStepSchema) }), FileConflictSchema]);
const PendingFileSchema = z.object({ version: z.literal(1), conflicts: z.array(ConflictSchema) });

/** The conflicts waiting in the workspace `dir` for a choice (none when the last sync finished). */
export async function readPendingConflicts(dir: string): Promise<SyncConflict[]> {
  const text = await readFile(join(dir, PENDING_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (text === null) return [];
  // A damaged record only loses the list of what to choose from: the next sync finds the conflicts again.
  let parsed;
  try {
    parsed = PendingFileSchema.safeParse(JSON.parse(text));
  } catch {
    return [];
  }
  return parsed.success ? (parsed.data.conflicts as SyncConflict[]) : [];
}

/** Keeps `conflicts` as the ones waiting for a choice, durably. */
export async function savePendingConflicts(dir: string, conflicts: readonly SyncConflict[]): Promise<void> {
  await mkdir(dirname(join(dir, PENDING_FILE)), { recursive: true });
  await writeFileDurably(join(dir, PENDING_FILE), `${JSON.stringify({ version: 1, conflicts }, null, 2)}\n`);
}

/** Forgets the conflicts waiting (a sync finished). */
export async function clearPendingConflicts(dir: string): Promise<void> {
  await rm(join(dir, PENDING_FILE), { force: true });
}
