import { repointDocumentStatus, type Assignee, type DocumentStatusMap } from './assignment.js';
import type { Link } from './link.js';

// What follows a document to its new version (an import that replaces it): its assignees, and each
// annotator's own work on it, which only they move.

/**
 * Points every link end on document `from` at document `to`: a new version of an article replaces
 * the old one, and the links made on the old one follow it (in place).
 */
export function repointLinks(links: Link[], from: string, to: string): void {
  for (const link of links) {
    if (link.source.documentId === from) link.source.documentId = to;
    if (link.target.documentId === from) link.target.documentId = to;
  }
}

/**
 * Moves an annotator's own work on document `from` to its new version `to` (in place): their links
 * and their status of it.
 */
export function followNewVersion(layer: { links: Link[]; documentStatus?: DocumentStatusMap | undefined }, from: string, to: string): void {
  repointLinks(layer.links, from, to);
  repointDocumentStatus(layer.documentStatus, from, to);
}

/**
 * A new version of a document keeps the assignees of the one it replaces (the same people are to
 * annotate it), unless it has its own.
 */
export function carryAssignees<T extends { assignees?: Assignee[] | undefined }>(replaced: T, next: T): T {
  return next.assignees === undefined && replaced.assignees !== undefined ? { ...next, assignees: replaced.assignees } : next;
}
