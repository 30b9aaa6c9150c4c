import type { MyAssignment } from '../../../../shared/api/contract/index.js';

/** Whether an article is in my queue: assigned to me and not marked done by me. */
export function isInMyQueue(assignment: MyAssignment | undefined, me: string | null): boolean {
  return me !== null && assignment !== undefined && assignment.assignees.includes(me) && assignment.myStatus !== 'done';
}

/** My queue: the articles assigned to me that I have not marked done, in the order of `documents`. */
export function myQueue<T extends { id: string }>(documents: readonly T[], byDocument: ReadonlyMap<string, MyAssignment>, me: string | null): T[] {
  return documents.filter((d) => isInMyQueue(byDocument.get(d.id), me));
}
