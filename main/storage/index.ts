// The storage primitives the workspace store builds on (docs/GUARANTEES.md D1–D9). Re-exports only.
export { BackupRotation, type BackupEntry, type BackupRotationOptions, type BackupValidator, type PreserveResult } from './backup-rotation.js';
export { IncompleteWriteError, writeAllBytes } from './checked-write.js';
export { CoalescingWriter, type FileWriteTarget, type SaveStatus } from './coalescing-writer.js';
export { DurableJsonFile, type DurableJsonFileOptions, type DurableJsonFileState } from './durable-json-file.js';
export { removeAbandonedTempFiles, removeAbandonedTempFilesInDirectory, syncDirectory, writeFileDurably } from './durable-write.js';
export { flushBeforeExit, type FlushBeforeExitOptions } from './flush-before-exit.js';
export {
  JsonFileCodec,
  UnsavableDataError,
  type AppliedMigration,
  type DecodedFile,
  type FileVersioning,
  type JsonFileCodecOptions,
} from './json-file-codec.js';
export { currentProcessIdentity, processLiveness, type ProcessIdentity, type ProcessLiveness } from './process-identity.js';
export { stringifyStably, type StableJsonOptions } from './stable-json.js';
export { StoreFileError, StoreWriteRefusedError, type StoreFileErrorKind } from './store-file-error.js';
export {
  WORKSPACE_LOCK_FILE_NAME,
  WorkspaceLock,
  WorkspaceLockedError,
  type WorkspaceLockHolder,
  type WorkspaceLockInfo,
} from './workspace-lock.js';
export {
  migrateWorkspaceFile,
  schemaVersionOf,
  WORKSPACE_MIGRATIONS,
  type MigrationOptions,
  type MigrationOutcome,
  type WorkspaceMigration,
} from './workspace-migrations.js';
