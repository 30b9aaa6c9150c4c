import { Low } from 'lowdb';
import type { ZodType } from 'zod';
import { CURRENT_SCHEMA_VERSION } from '../../shared/model/workspace.js';
import { CoalescingWriter } from './coalescing-writer.js';
import { DurableJsonFile } from './durable-json-file.js';

/**
 * One JSON file of a store, as lowdb sees it: validated on read, written durably and atomically
 * through a coalescing writer, with rolling backups.
 */
export interface JsonStoreFile<T> {
  /** The file on disk: validation, durable writes, backups. */
  file: DurableJsonFile<T>;
  /** The writer lowdb writes through (one write in flight, the latest content next). */
  writer: CoalescingWriter<T>;
  /** The lowdb view of the file's content. */
  db: Low<T>;
}


/**
 * Backups of `workspace.json` (small, rarely written, holding the document index and links) are
 * taken before every save; those of annotation files (rewritten on every edit) at most once a
 * minute, so an edit costs one durable write, not two, and a restore loses at most a minute.
 */
export const WORKSPACE_BACKUP_INTERVAL_MS = 0;
export const ANNOTATION_BACKUP_INTERVAL_MS = 60_000;

/** The keys every store file writes first, wherever they occur; the rest follow in code-unit order. */
export const STORE_FILE_KEY_ORDER: readonly string[] = ['schemaVersion', 'id'];

/**
 * A store file at `path` inside the workspace `workspaceDir`, validated with `schema`, holding
 * `defaults` until read, backed up at most every `minBackupIntervalMs`; with `createFolder`, its
 * folder is made again if it went missing before a write.
 */
export function jsonStoreFile<T>(
  workspaceDir: string,
  path: string,
  schema: ZodType<T>,
  defaults: T,
  minBackupIntervalMs = ANNOTATION_BACKUP_INTERVAL_MS,
  createFolder = false,
): JsonStoreFile<T> {
  const file = new DurableJsonFile<T>(path, {
    createFolder,
    schema,
    versioning: { currentVersion: CURRENT_SCHEMA_VERSION },
    keyOrder: STORE_FILE_KEY_ORDER,
    backups: { workspaceDir, minIntervalMs: minBackupIntervalMs },
  });
  const writer = new CoalescingWriter<T>(file);
  return { file, writer, db: new Low<T>(writer, defaults) };
}
