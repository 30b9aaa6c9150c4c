import { join } from 'node:path';
import { buildFixtureSnapshot } from '../../shared/formats/test-fixtures.js';
import type { WorkspaceSnapshot } from '../../shared/model/workspace.js';
import { openWorkbench, type OpenWorkbench } from '../workspace/open-workbench.js';
import { writeSnapshotIntoStore } from './import-native-workspace.js';

// Shared by the export tests and the export benchmark; not part of the export API.

/** Opens a new workspace in `dir` holding `snapshot` (written through the real store). */
export async function workspaceHolding(dir: string, snapshot: WorkspaceSnapshot): Promise<OpenWorkbench> {
  const workbench = await openWorkbench({ workspaceDir: dir, samplesDir: join(dir, 'no-samples') });
  await writeSnapshotIntoStore(workbench.store, snapshot);
  return workbench;
}

/**
 * The format tests' fixture (astral emoji, combining marks, RTL, a CRLF-imported text, a span
 * across a line break, a discontinuous span, attributes of every type, notes, links inside and
 * across documents), as a real workspace on disk.
 */
export function fixtureWorkspace(dir: string): Promise<OpenWorkbench> {
  return workspaceHolding(dir, buildFixtureSnapshot());
}

/** The fixture's documents and schema without any annotation or link: where imports land. */
export function fixtureWithoutAnnotations(): WorkspaceSnapshot {
  const snapshot = buildFixtureSnapshot();
  return { ...snapshot, documents: snapshot.documents.map((d) => ({ ...d, annotations: [] })), links: [] };
}
