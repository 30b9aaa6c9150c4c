import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AnnotationFileSchema, CURRENT_SCHEMA_VERSION } from '../../shared/model/workspace.js';
import { DurableJsonFile } from './durable-json-file.js';
import { annotationFileOptions, makeTempDir, sampleAnnotationFile } from './test-support.js';
import { migrateWorkspaceFile, WORKSPACE_MIGRATIONS, type WorkspaceMigration } from './workspace-migrations.js';

// A made-up previous version of the annotation file, for tests only: annotations had `label` instead of `labelId` and no `orphaned`.
const PREVIOUS = CURRENT_SCHEMA_VERSION - 1;
const fakeV0ToV1: WorkspaceMigration = {
  from: PREVIOUS,
  description: 'rename annotation label to labelId; add orphaned',
  migrate: (raw) => ({
    ...raw,
    annotations: (raw.annotations as Array<Record<string, unknown>>).map(({ label, ...annotation }) => ({
      ...annotation,
      labelId: annotation.labelId ?? label,
      orphaned: annotation.orphaned ?? false,
    })),
  }),
};
const testMigrations = { migrations: [fakeV0ToV1], targetVersion: CURRENT_SCHEMA_VERSION };

function versionZeroFile(): Record<string, unknown> {
  const { annotations, ...rest } = sampleAnnotationFile(2);
  return {
    ...rest,
    schemaVersion: PREVIOUS,
    annotations: annotations.map(({ labelId, orphaned: _orphaned, ...annotation }) => ({ ...annotation, label: labelId })),
  };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('migrateWorkspaceFile (docs/GUARANTEES.md D7)', () => {
  it('has no per-file steps (the upgrade to layers moves files: main/workspace/layer-migration.ts), and returns current files as they are', () => {
    expect(CURRENT_SCHEMA_VERSION).toBe(2);
    expect(WORKSPACE_MIGRATIONS).toEqual([]);
    const file = sampleAnnotationFile(1);
    expect(migrateWorkspaceFile(file, 2)).toEqual({ kind: 'current', version: 2, data: file });
  });

  it('upgrades an older file one step at a time, asking for a backup first, without touching its input', () => {
    const old = versionZeroFile();
    const snapshot = structuredClone(old);
    const outcome = migrateWorkspaceFile(old, PREVIOUS, testMigrations);
    expect(outcome).toMatchObject({ kind: 'migrated', fromVersion: PREVIOUS, toVersion: CURRENT_SCHEMA_VERSION, backupFirst: true, steps: [fakeV0ToV1.description] });
    expect(old).toEqual(snapshot);
    if (outcome.kind !== 'migrated') throw new Error('not migrated');
    expect(AnnotationFileSchema.parse(outcome.data)).toEqual(sampleAnnotationFile(2));
  });

  it('is idempotent: migrating the result again changes nothing', () => {
    const once = migrateWorkspaceFile(versionZeroFile(), PREVIOUS, testMigrations);
    if (once.kind !== 'migrated') throw new Error('not migrated');
    const twice = migrateWorkspaceFile(once.data, (once.data as { schemaVersion: number }).schemaVersion, testMigrations);
    expect(twice).toEqual({ kind: 'current', version: CURRENT_SCHEMA_VERSION, data: once.data });
  });

  it('says read-only for a newer version and names the missing step for an unknown older one', () => {
    expect(migrateWorkspaceFile({ schemaVersion: 3 }, 3)).toEqual({ kind: 'newer-version', version: 3, supportedVersion: 2, readOnly: true });
    expect(migrateWorkspaceFile({ schemaVersion: -1 }, -1, testMigrations)).toEqual({
      kind: 'no-migration-path',
      fromVersion: -1,
      missingStepFrom: -1,
    });
  });

  it('through DurableJsonFile: reads the old file, leaves its bytes until the first write, and backs them up first', async () => {
    const { dir, remove } = await makeTempDir('migrate');
    cleanups.push(remove);
    const path = join(dir, 'doc-1.json');
    const oldBytes = Buffer.from(JSON.stringify(versionZeroFile(), null, 2));
    await writeFile(path, oldBytes);
    const options = {
      ...annotationFileOptions,
      versioning: { currentVersion: CURRENT_SCHEMA_VERSION, migrate: (raw: unknown, from: number) => migrateWorkspaceFile(raw, from, testMigrations) },
      backups: { workspaceDir: dir, minIntervalMs: 3_600_000 },
    };
    const file = new DurableJsonFile(path, options);
    expect(await file.read()).toEqual(sampleAnnotationFile(2));
    expect(file.state).toEqual({ kind: 'loaded', migration: { fromVersion: PREVIOUS, toVersion: CURRENT_SCHEMA_VERSION, steps: [fakeV0ToV1.description] } });
    expect((await readFile(path)).equals(oldBytes)).toBe(true);

    await file.write(sampleAnnotationFile(2));
    expect(file.state).toEqual({ kind: 'loaded', migration: null });
    const backups = await file.backups!.list();
    expect(backups).toHaveLength(1); // taken even though minIntervalMs would skip it: upgrades force a backup
    expect((await readFile(backups[0]!.path)).equals(oldBytes)).toBe(true);
    expect(backups[0]!.valid).toBe(true);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(sampleAnnotationFile(2));
  });
});
