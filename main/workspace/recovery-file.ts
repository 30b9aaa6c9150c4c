import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { AnnotationFileSchema, LinkLayerFileSchema, WorkspaceFileSchema, type AnnotationFile, type LinkLayerFile, type WorkspaceFile } from '../../shared/model/workspace.js';
import { AnnotationFileV1Schema, ClusterNameV1Schema, LinkV1Schema } from '../../shared/model/workspace-v1.js';
import { formatLocalMinute } from '../../shared/text/local-minute.js';
import { writeFileDurably } from '../storage/index.js';
import { appDataDir } from './app-data.js';

/** The `format` tag every recovery file starts with. */
const RECOVERY_FORMAT = 'corroborate-unsaved-edits';

/**
 * A recovery file: edits to one workspace that could not be saved when the program stopped (the
 * disk was read-only, full, or not writable), kept outside the workspace until they are restored
 * or discarded.
 */
export const RecoveryFileSchema = z.object({
  format: z.literal(RECOVERY_FORMAT),
  version: z.literal(1),
  /** Absolute path of the workspace folder the edits belong to. */
  workspaceDir: z.string(),
  /** When they were kept (ISO 8601). */
  savedAt: z.string(),
  /** Why they could not be saved (the error of the last write). */
  reason: z.string(),
  /**
   * `workspace.json` as it was in memory, when its edits were not saved (files kept before layers
   * also hold the links and cluster names, without their annotator).
   */
  workspace: WorkspaceFileSchema.extend({ links: z.array(LinkV1Schema).optional(), clusterNames: z.array(ClusterNameV1Schema).optional() }).nullable(),
  /** Each annotation file whose edits were not saved, as it was in memory (before layers: without its annotator). */
  annotationFiles: z.array(z.union([AnnotationFileSchema, AnnotationFileV1Schema])),
  /** The annotator's link file, when its edits were not saved (absent in files kept before layers). */
  linkFile: LinkLayerFileSchema.nullable().default(null),
  /** The curated layer's link file, when its edits were not saved (absent in files kept before curation). */
  curatedLinkFile: LinkLayerFileSchema.nullable().default(null),
});
/** A recovery file's contents. */
export type RecoveryFile = z.infer<typeof RecoveryFileSchema>;

/** A recovery file found on disk, with its name (its id) and path. */
export interface FoundRecoveryFile {
  id: string;
  path: string;
  content: RecoveryFile;
}

/** Where recovery files go: `<app data>/recovery`, outside every workspace. */
export function recoveryDirOf(env: NodeJS.ProcessEnv = process.env): string {
  return join(appDataDir(env), 'recovery');
}

/** What a new recovery file holds. */
export interface UnsavedEdits {
  workspaceDir: string;
  reason: string;
  workspace: WorkspaceFile | null;
  annotationFiles: AnnotationFile[];
  linkFile: LinkLayerFile | null;
  /** The curated layer's link file, when its edits were not saved (absent: they were). */
  curatedLinkFile?: LinkLayerFile | null;
}

/**
 * Writes `edits` durably (temp file, fsync, rename, fsync folder) as a new recovery file in
 * `recoveryDir`, creating the folder; resolves to its path. Its name starts with the workspace
 * folder's name and a hash of its path, so the workspace's own files are found again without
 * reading every file.
 */
export async function writeRecoveryFile(recoveryDir: string, edits: UnsavedEdits, now = new Date()): Promise<string> {
  const content: RecoveryFile = { format: RECOVERY_FORMAT, version: 1, savedAt: now.toISOString(), ...edits, curatedLinkFile: edits.curatedLinkFile ?? null };
  const stamp = content.savedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const path = join(recoveryDir, `${workspaceKey(edits.workspaceDir)}-${stamp}-${randomBytes(3).toString('hex')}.json`);
  await mkdir(recoveryDir, { recursive: true });
  await writeFileDurably(path, `${JSON.stringify(content)}\n`);
  return path;
}

/**
 * The recovery files of the workspace in `workspaceDir`, oldest first. Files that cannot be read or
 * are not recovery files are passed over (they are never deleted here).
 */
export async function findRecoveryFiles(recoveryDir: string, workspaceDir: string): Promise<FoundRecoveryFile[]> {
  const prefix = `${workspaceKey(workspaceDir)}-`;
  let names: string[];
  try {
    names = (await readdir(recoveryDir)).filter((name) => name.startsWith(prefix) && name.endsWith('.json')).sort();
  } catch {
    return [];
  }
  const found: FoundRecoveryFile[] = [];
  for (const name of names) {
    const path = join(recoveryDir, name);
    try {
      const parsed = RecoveryFileSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
      if (parsed.success && parsed.data.workspaceDir === workspaceDir) found.push({ id: name, path, content: parsed.data });
    } catch {
      // Unreadable or not JSON: not ours to judge or remove.
    }
  }
  return found;
}

/**
 * One sentence for people: "Unsaved edits from 2026-11-21 10:02 (the annotations of 2 articles) were
 * kept in <path>."
 */
export function describeRecoveryFile({ path, content }: FoundRecoveryFile): string {
  const parts: string[] = [];
  const articles = content.annotationFiles.length;
  if (articles > 0) parts.push(`the annotations of ${articles === 1 ? '1 article' : `${articles} articles`}`);
  if (content.workspace !== null) parts.push("the workspace's labels and link types");
  if (content.linkFile !== null || (content.workspace?.links?.length ?? 0) > 0) parts.push('links');
  if (content.curatedLinkFile !== null) parts.push('curation decisions');
  return `Unsaved edits from ${formatLocalMinute(new Date(content.savedAt))} (${parts.join(' and ')}) were kept in ${path}.`;
}


/** Removes a recovery file once its edits were restored or discarded. */
export async function removeRecoveryFile(file: FoundRecoveryFile): Promise<void> {
  await rm(file.path, { force: true });
}

/** `<folder name>-<12 hex digits of the path's hash>`: names a workspace's recovery files. */
function workspaceKey(workspaceDir: string): string {
  const name = basename(workspaceDir).replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40) || 'workspace';
  return `${name}-${createHash('sha256').update(workspaceDir).digest('hex').slice(0, 12)}`;
}
