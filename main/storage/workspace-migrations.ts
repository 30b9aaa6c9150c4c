import { CURRENT_SCHEMA_VERSION } from '../../shared/model/workspace.js';

/**
 * One one-way step that upgrades a workspace file from `from` to `from + 1`. It receives the parsed
 * JSON of a file at version `from` (never validated: old files need not match today's schema) and
 * returns the data at `from + 1`, with `schemaVersion` set to `from + 1`. It must not mutate its input.
 */
export interface WorkspaceMigration {
  /** The version this step reads; it writes `from + 1`. */
  from: number;
  /** What the step changes, for logs and the "upgraded your workspace" notice. */
  description: string;
  /** Produces the next version's data from this version's data. */
  migrate(raw: Record<string, unknown>): Record<string, unknown>;
}

/**
 * The steps that upgrade old workspace files, in order. Version 1 is the first on-disk version, so
 * there are none yet; add a step here (and a fixture of the old file in tests) whenever
 * `CURRENT_SCHEMA_VERSION` goes up.
 */
export const WORKSPACE_MIGRATIONS: readonly WorkspaceMigration[] = [];

/**
 * What `migrateWorkspaceFile` found. The caller decides what to do with it:
 * - `current`: use `data` as it is;
 * - `migrated`: take a backup of the file on disk first (`backupFirst`), then use `data` and save it;
 * - `newer-version`: written by a newer build: open it read-only, never write it;
 * - `no-migration-path`: an older version this build cannot upgrade: refuse to open it for writing.
 */
export type MigrationOutcome =
  | { kind: 'current'; version: number; data: unknown }
  | {
      kind: 'migrated';
      fromVersion: number;
      toVersion: number;
      /** What each applied step did, in order. */
      steps: string[];
      /** Always true: the old bytes must be kept before the upgraded data is written over them. */
      backupFirst: true;
      data: unknown;
    }
  | { kind: 'newer-version'; version: number; supportedVersion: number; readOnly: true }
  | { kind: 'no-migration-path'; fromVersion: number; missingStepFrom: number };

/** Which registry and target version to migrate with; tests pass their own steps. */
export interface MigrationOptions {
  migrations?: readonly WorkspaceMigration[];
  targetVersion?: number;
}

/**
 * Upgrades the parsed contents of a workspace file, written at `fromVersion`, to the version this
 * build writes, by applying each registered step in turn. One-way and idempotent: the result of a
 * migration is at the target version, so migrating it again returns it unchanged (`current`).
 * Does not validate the result; the caller validates it against the current schema.
 */
export function migrateWorkspaceFile(
  raw: unknown,
  fromVersion: number,
  options: MigrationOptions = {},
): MigrationOutcome {
  const migrations = options.migrations ?? WORKSPACE_MIGRATIONS;
  const targetVersion = options.targetVersion ?? CURRENT_SCHEMA_VERSION;
  if (fromVersion === targetVersion) return { kind: 'current', version: fromVersion, data: raw };
  if (fromVersion > targetVersion) {
    return { kind: 'newer-version', version: fromVersion, supportedVersion: targetVersion, readOnly: true };
  }
  let data = raw;
  const steps: string[] = [];
  for (let version = fromVersion; version < targetVersion; version += 1) {
    const step = migrations.find((migration) => migration.from === version);
    if (step === undefined || !isRecord(data)) {
      return { kind: 'no-migration-path', fromVersion, missingStepFrom: version };
    }
    data = { ...step.migrate(data), schemaVersion: version + 1 };
    steps.push(step.description);
  }
  return { kind: 'migrated', fromVersion, toVersion: targetVersion, steps, backupFirst: true, data };
}

/** Reads `schemaVersion` from parsed JSON, or null when there is no integer version in it. */
export function schemaVersionOf(raw: unknown): number | null {
  if (!isRecord(raw)) return null;
  const version = raw.schemaVersion;
  return typeof version === 'number' && Number.isSafeInteger(version) ? version : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
