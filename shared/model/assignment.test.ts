import { describe, expect, it } from 'vitest';
import { nextWorkStatus, statusOf } from './assignment.js';
import { carryAssignees } from './new-version.js';
import { DocumentMetaSchema } from './document.js';

describe('document status and assignees', () => {
  it('cycles not started → in progress → done → not started, and reads a document never marked as not started', () => {
    expect([nextWorkStatus('not-started'), nextWorkStatus('in-progress'), nextWorkStatus('done')]).toEqual(['in-progress', 'done', 'not-started']);
    const statuses = { a: { status: 'done' as const, updatedAt: '2025-01-01T00:00:00Z' } };
    expect([statusOf(statuses, 'a'), statusOf(statuses, 'b'), statusOf(statuses, 'constructor'), statusOf(undefined, 'a')]).toEqual([
      'done',
      'not-started',
      'not-started',
      'not-started',
    ]);
  });

  it('keeps a replaced document’s assignees unless the new version has its own', () => {
    const ana = [{ id: 'ana-1a2b3c', updatedAt: '2025-01-01T00:00:00Z' }];
    const bob = [{ id: 'bob-1a2b3c', updatedAt: '2025-01-02T00:00:00Z' }];
    expect(carryAssignees({ assignees: ana }, {})).toEqual({ assignees: ana });
    expect(carryAssignees({ assignees: ana }, { assignees: bob })).toEqual({ assignees: bob });
    expect(carryAssignees({}, {})).toEqual({});
  });

  it('refuses a document assigned twice to one annotator (it could not be merged item by item)', () => {
    const meta = {
      id: 'd',
      title: 't',
      outlet: null,
      date: null,
      url: null,
      sourceFile: null,
      contentHash: `sha256:${'0'.repeat(64)}`,
      length: 0,
      normalisation: { bomRemoved: false, lineEndings: 'none', nfcApplied: false },
      importedAt: '2025-01-01T00:00:00Z',
    };
    expect(DocumentMetaSchema.safeParse(meta).success).toBe(true);
    const twice = DocumentMetaSchema.safeParse({ ...meta, assignees: [{ id: 'ana-1a2b3c', updatedAt: 'x' }, { id: 'ana-1a2b3c', updatedAt: 'y' }] });
    expect(twice.error?.issues[0]?.message).toBe('an annotator is assigned to a document at most once');
  });
});
