import { useSyncExternalStore } from 'react';
import './curation.css';
import type { WorkStatus } from '../../../../shared/model/assignment.js';
import type { WorkbenchCache } from '../../client/workbench-cache.js';
import { perConnection, readOnEveryLoad } from '../../client/connection-store.js';
import { useCache } from '../../client/workbench-context.js';

const NONE: ReadonlyMap<string, WorkStatus> = new Map();

/**
 * Every article's curation status for one workspace connection (the article list shows it): read
 * when the workspace is (re)loaded, and changed by the Curate view from the services' answers.
 */
export class CurationStatuses {
  #byDocument: ReadonlyMap<string, WorkStatus> = NONE;
  readonly #listeners = new Set<() => void>();

  /** The statuses of the workspace reached through `cache`. */
  constructor(private readonly cache: WorkbenchCache) {
    readOnEveryLoad(cache, () => this.reload());
  }

  /** Each article's curation status, by document id (absent: not started). */
  readonly state = (): ReadonlyMap<string, WorkStatus> => this.#byDocument;

  /** Calls `listener` after every change; returns how to stop. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Reads every article's curation status again. */
  async reload(): Promise<void> {
    const statuses = await this.cache.api.listCurationStatuses();
    this.#set(new Map(statuses.filter((s) => s.status !== 'not-started').map((s) => [s.documentId, s.status])));
  }

  /** Records an article's status as the services answered it. */
  patch(documentId: string, status: WorkStatus): void {
    if ((this.#byDocument.get(documentId) ?? 'not-started') === status) return;
    const next = new Map(this.#byDocument);
    if (status === 'not-started') next.delete(documentId);
    else next.set(documentId, status);
    this.#set(next);
  }

  #set(byDocument: ReadonlyMap<string, WorkStatus>): void {
    this.#byDocument = byDocument;
    for (const listener of this.#listeners) listener();
  }
}

/** The curation statuses of the workspace the workbench shows. */
export const curationStatusesOf = perConnection((cache) => new CurationStatuses(cache));

/** Every article's curation status (absent: not started). */
export function useCurationStatuses(): ReadonlyMap<string, WorkStatus> {
  const store = curationStatusesOf(useCache());
  return useSyncExternalStore(store.subscribe, store.state);
}

/** Where an article's curation stands, in the article list: "Curated" or "Curating" (nothing before it starts). */
export function CurationBadge({ status }: { status: WorkStatus | undefined }) {
  if (!status || status === 'not-started') return null;
  return <span className="article-curation">{status === 'done' ? '✓ Curated' : 'Curating'}</span>;
}
