import { describe, expect, it } from 'vitest';
import type { CurationDecision } from '../../../shared/model/curation.js';
import { CURRENT_SCHEMA_VERSION, LinkLayerFileSchema, type LinkLayerFile } from '../../../shared/model/workspace.js';
import { mergeFileVersions } from '../../../shared/sync/merge-file.js';
import { workspaceMergeOptions } from '../sync/workspace-merge-rules.js';

// Two curators sync the curated layer's link file: decisions are kept by document and by
// disagreement, so curating different articles, or different disagreements of one, merges.

const encode = (file: LinkLayerFile) => new TextEncoder().encode(JSON.stringify(file));
const decision = (id: string, annotator: string, curatorId: string, updatedAt: string): CurationDecision => ({
  id,
  choice: { kind: 'annotator', annotator },
  curatorId,
  curator: curatorId,
  updatedAt,
});
const file = (curation: LinkLayerFile['curation'], across?: CurationDecision[]): LinkLayerFile => ({
  schemaVersion: CURRENT_SCHEMA_VERSION,
  annotator: { id: 'curated', name: 'Curated', email: '' },
  links: [],
  clusterNames: [],
  ...(curation ? { curation } : {}),
  ...(across ? { crossCuration: { decisions: across } } : {}),
});
const merge = (base: LinkLayerFile, ours: LinkLayerFile, theirs: LinkLayerFile) =>
  mergeFileVersions({ file: 'links/curated.json', base: encode(base), ours: encode(ours), theirs: encode(theirs) }, workspaceMergeOptions());

describe('the curated layer’s decisions when two curators sync', () => {
  it('merge decisions about different disagreements and articles, and reads a file from before curation as before', () => {
    const base = file(undefined);
    expect(LinkLayerFileSchema.parse(base)).toEqual(base);
    const ours = file({ 'doc-a': { decisions: [decision('ann/a1|bob/b1', 'ann', 'cy', '2026-12-10T10:00:00.000Z')] } });
    const theirs = file({
      'doc-a': { policy: { kind: 'majority', fraction: 0.5, updatedAt: '2026-12-10T10:05:00.000Z' }, decisions: [decision('bob/b7', 'bob', 'dee', '2026-12-10T10:05:00.000Z')] },
      'doc-b': { decisions: [decision('ann/a9', 'ann', 'dee', '2026-12-10T10:06:00.000Z')] },
    });
    const outcome = merge(base, ours, theirs);
    expect(outcome.merged).toBe(true);
    const merged = LinkLayerFileSchema.parse(JSON.parse(new TextDecoder().decode(outcome.merged ? outcome.content : undefined)));
    expect(merged.curation?.['doc-a']?.decisions.map((d) => d.id).sort()).toEqual(['ann/a1|bob/b1', 'bob/b7']);
    expect(merged.curation?.['doc-a']?.policy?.kind).toBe('majority');
    expect(merged.curation?.['doc-b']?.decisions).toHaveLength(1);
  });

  it('leaves two curators deciding one disagreement differently to the person syncing', () => {
    const base = file({ 'doc-a': { decisions: [] } });
    const ours = file({ 'doc-a': { decisions: [decision('u1', 'ann', 'cy', '2026-12-10T10:00:00.000Z')] } });
    const theirs = file({ 'doc-a': { decisions: [decision('u1', 'bob', 'dee', '2026-12-10T10:01:00.000Z')] } });
    const outcome = merge(base, ours, theirs);
    expect(outcome.merged).toBe(false);
    expect(!outcome.merged && outcome.conflicts.map((c) => c.kind)).toContain('field');
  });

  it('merges two curators’ decisions about different links across articles, decided from different articles', () => {
    const base = file({ 'doc-a': { decisions: [] } });
    const ours = file({ 'doc-a': { decisions: [] } }, [decision('xlink:[["doc-a","ann/a1"],["doc-b","ann/b1"]]', 'ann', 'cy', '2026-12-10T10:00:00.000Z')]);
    const theirs = file({ 'doc-a': { decisions: [] }, 'doc-c': { decisions: [] } }, [decision('xlink:[["doc-a","ann/a2"],["doc-c","ann/c1"]]', 'bob', 'dee', '2026-12-10T10:02:00.000Z')]);
    const outcome = merge(base, ours, theirs);
    expect(outcome.merged).toBe(true);
    const merged = LinkLayerFileSchema.parse(JSON.parse(new TextDecoder().decode(outcome.merged ? outcome.content : undefined)));
    expect(merged.crossCuration?.decisions.map((d) => d.id).sort()).toEqual(['xlink:[["doc-a","ann/a1"],["doc-b","ann/b1"]]', 'xlink:[["doc-a","ann/a2"],["doc-c","ann/c1"]]']);
  });
});
