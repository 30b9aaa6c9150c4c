import { describe, expect, it } from 'vitest';
import type { MyAssignment } from '../../../../shared/api/contract/index.js';
import { myQueue } from './my-queue.js';

const assignment = (documentId: string, assignees: string[], myStatus: MyAssignment['myStatus']): MyAssignment => ({ documentId, assignees, myStatus, myStatusUpdatedAt: null });

describe('my queue', () => {
  it('holds the articles assigned to me that I have not marked done, in list order', () => {
    const documents = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
    const byDocument = new Map(
      [
        assignment('a', ['bob'], 'in-progress'),
        assignment('b', ['me', 'bob'], 'done'),
        assignment('c', ['me'], 'in-progress'),
        assignment('e', ['bob', 'me'], 'not-started'),
      ].map((a) => [a.documentId, a]),
    );
    expect(myQueue(documents, byDocument, 'me').map((d) => d.id)).toEqual(['c', 'e']);
    expect(myQueue(documents, byDocument, null)).toEqual([]);
  });
});
