import { describe, expect, it } from 'vitest';
import type { ClusterName } from '../model/link.js';
import type { WorkspaceSnapshot } from '../model/workspace.js';
import { assignDocumentFileNames } from './document-file-names.js';
import { findUnexportableAnnotations } from './exportable-annotation.js';
import { scopeSnapshot } from './export-scope.js';
import { buildFixtureSnapshot } from './test-fixtures.js';

describe('scopeSnapshot', () => {
  it('keeps the selected documents, and links only when both ends remain', () => {
    const snapshot = buildFixtureSnapshot();
    const [a, b] = snapshot.documents;
    const scoped = scopeSnapshot(snapshot, { documentIds: [b!.meta.id, a!.meta.id] });
    expect(scoped.documents.map((d) => d.meta.id)).toEqual([a!.meta.id, b!.meta.id]);
    expect(scoped.links.map((l) => l.id)).toEqual(
      snapshot.links.filter((l) => l.source.documentId !== 'c0000000-0000-4000-8000-00000000000c' && l.target.documentId !== 'c0000000-0000-4000-8000-00000000000c').map((l) => l.id),
    );
    expect(snapshot.documents).toHaveLength(3);
  });

  it('keeps the selected labels and drops links to annotations of other labels', () => {
    const scoped = scopeSnapshot(buildFixtureSnapshot(), { labelIds: ['fact'] });
    expect(scoped.labels.map((l) => l.id)).toEqual(['fact']);
    expect(scoped.documents.flatMap((d) => d.annotations).every((a) => a.labelId === 'fact')).toBe(true);
    expect(scoped.links.map((l) => l.id.slice(-1))).toEqual(['2', '3', '5', '7']);
  });

  it('returns everything with an empty scope', () => {
    const snapshot = withClusterNames(buildFixtureSnapshot());
    expect(scopeSnapshot(snapshot, {})).toEqual(snapshot);
  });

  it('keeps the name of every cluster with members in scope, naming only those members', () => {
    const snapshot = withClusterNames(buildFixtureSnapshot());
    const [a, b] = snapshot.documents;
    const byDocument = scopeSnapshot(snapshot, { documentIds: [a!.meta.id, b!.meta.id] });
    expect(byDocument.clusterNames).toEqual([
      clusterName('rebuild', ['a1000000-0000-4000-8000-000000000002', 'b1000000-0000-4000-8000-000000000002']),
      clusterName('toll', ['a1000000-0000-4000-8000-000000000003', 'b1000000-0000-4000-8000-000000000001']),
    ]);
    const byLabel = scopeSnapshot(snapshot, { labelIds: ['fact'] });
    expect(byLabel.clusterNames).toEqual([snapshot.clusterNames![1], snapshot.clusterNames![2]]);
    expect(snapshot.clusterNames).toHaveLength(3);
  });
});

/** A cluster name as the workspace stores it, with fixed text and time. */
function clusterName(id: string, members: string[]): ClusterName {
  return { id, name: `Name ${id}`, canonicalText: `Canonical ${id}`, members, updatedAt: '2024-05-01T10:00:00.000Z', annotator: 'owner' };
}

/** The fixture with names for its two clusters (quotes in a and b; facts in a, b and c) and one for facts of c only. */
function withClusterNames(snapshot: WorkspaceSnapshot): WorkspaceSnapshot {
  return {
    ...snapshot,
    clusterNames: [
      clusterName('rebuild', ['a1000000-0000-4000-8000-000000000002', 'b1000000-0000-4000-8000-000000000002']),
      clusterName('toll', ['a1000000-0000-4000-8000-000000000003', 'b1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000001']),
      clusterName('police', ['c1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000002']),
    ],
  };
}

describe('assignDocumentFileNames', () => {
  it('derives safe, unique names from title, source file and id', () => {
    const metas = buildFixtureSnapshot().documents.map((d) => d.meta);
    const twin = { ...metas[0]!, id: 'a0000000-ffff-4000-8000-00000000000a' };
    const names = assignDocumentFileNames([...metas, twin, { ...metas[2]!, id: 'CON', sourceFile: null }]);
    expect([...names.values()]).toEqual([
      'flood-in-riverton-mayor-vows-a0000000',
      'riverton-officials-revise-toll-b0000000',
      'police-statement-c0000000',
      'flood-in-riverton-mayor-vows-a0000000f',
      'document-con',
    ]);
    for (const name of names.values()) expect(name).toMatch(/^[a-z0-9-]+$/);
  });
});

describe('findUnexportableAnnotations', () => {
  it('lists orphaned annotations and ones whose quote no longer fits', () => {
    const snapshot = buildFixtureSnapshot();
    expect(findUnexportableAnnotations(snapshot)).toEqual([]);
    snapshot.documents[0]!.annotations[0]!.orphaned = true;
    snapshot.documents[1]!.annotations[0]!.fragments[0]!.exact = 'something else';
    expect(findUnexportableAnnotations(snapshot).map((u) => u.reason)).toEqual([
      expect.stringMatching(/orphaned/),
      expect.stringMatching(/no longer matches/),
    ]);
  });
});
