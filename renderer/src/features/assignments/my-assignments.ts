import { useSyncExternalStore } from 'react';
import type { MyAssignment } from '../../../../shared/api/contract/index.js';
import { nextWorkStatus, type WorkStatus } from '../../../../shared/model/assignment.js';
import type { WorkbenchCache } from '../../client/workbench-cache.js';
import { perConnection, readOnEveryLoad } from '../../client/connection-store.js';
import { useCache } from '../../client/workbench-context.js';

/** Who each article is assigned to and where I stand with it, as the renderer knows it. */
export interface MyAssignmentsState {
  /** My annotator id; null until read. */
  me: string | null;
  /** Each article's assignees and my status, by document id. */
  byDocument: ReadonlyMap<string, MyAssignment>;
  /** Goes up with every change (the team overview reads itself again). */
  revision: number;
}

const NOT_ASSIGNED: Omit<MyAssignment, 'documentId'> = { assignees: [], myStatus: 'not-started', myStatusUpdatedAt: null };

/**
 * Assignments and my statuses for one workspace connection: read when the workspace is (re)loaded
 * (opening, importing, saying who I am), changed through the services, and updated from their
 * answers, so the article list, my queue, the status control and the overview agree.
 */
export class MyAssignmentsStore {
  #state: MyAssignmentsState = { me: null, byDocument: new Map(), revision: 0 };
  readonly #listeners = new Set<() => void>();
  #reads = 0;

  /** The store of the workspace reached through `cache`. */
  constructor(private readonly cache: WorkbenchCache) {
    // Read again (one small request) whenever the workspace is (re)loaded.
    readOnEveryLoad(cache, () => this.reload());
  }

  /** The current state. */
  readonly state = (): MyAssignmentsState => this.#state;

  /** Calls `listener` after every change; returns how to stop. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** One article's assignees and my status (assigned to nobody, not started, when unknown). */
  of(documentId: string): MyAssignment {
    return this.#state.byDocument.get(documentId) ?? { documentId, ...NOT_ASSIGNED };
  }

  /** Reads every article's assignees and my status again (an answer overtaken by a later change or read is dropped). */
  async reload(): Promise<void> {
    const asked = ++this.#reads;
    const revision = this.#state.revision;
    const { me, documents } = await this.cache.api.listMyAssignments();
    if (asked === this.#reads && revision === this.#state.revision) this.#set({ me, byDocument: new Map(documents.map((d) => [d.documentId, d])) });
  }

  /** Sets my status of an article (shown at once, put back if the services refuse it); resolves to it. */
  async setMyStatus(documentId: string, status: WorkStatus): Promise<WorkStatus> {
    const saved = await this.#optimistically([{ ...this.of(documentId), myStatus: status }], () => this.cache.api.setMyDocumentStatus({ documentId, status }));
    this.#patch([{ ...this.of(documentId), myStatus: saved.status, myStatusUpdatedAt: saved.updatedAt }]);
    return saved.status;
  }

  /** Moves my status of an article on (not started → in progress → done → not started); resolves to the new one. */
  advanceMyStatus(documentId: string): Promise<WorkStatus> {
    return this.setMyStatus(documentId, nextWorkStatus(this.of(documentId).myStatus));
  }

  /** Assigns articles to annotators (or takes them away, with `assign` false), shown at once and put back if the services refuse. */
  async changeAssignees(documentIds: readonly string[], annotators: readonly string[], assign: boolean): Promise<void> {
    if (documentIds.length === 0 || annotators.length === 0) return;
    const input = { documentIds: [...documentIds], annotators: [...annotators] };
    const expected = documentIds.map((id) => {
      const current = this.of(id);
      const assignees = assign ? [...current.assignees, ...annotators.filter((a) => !current.assignees.includes(a))] : current.assignees.filter((a) => !annotators.includes(a));
      return { ...current, assignees };
    });
    const changed = await this.#optimistically(expected, () => (assign ? this.cache.api.assignDocuments(input) : this.cache.api.unassignDocuments(input)));
    this.#patch(changed.map(({ documentId, assignees }) => ({ ...this.of(documentId), assignees })));
  }

  /** Shows `expected` while `request` runs; when it fails, puts back what was there and rethrows. */
  async #optimistically<T>(expected: readonly MyAssignment[], request: () => Promise<T>): Promise<T> {
    const before = expected.map((a) => this.#state.byDocument.get(a.documentId));
    this.#patch(expected);
    try {
      return await request();
    } catch (error) {
      const byDocument = new Map(this.#state.byDocument);
      expected.forEach((a, i) => (before[i] ? byDocument.set(a.documentId, before[i]) : byDocument.delete(a.documentId)));
      this.#set({ byDocument });
      throw error;
    }
  }

  #patch(changed: readonly MyAssignment[]): void {
    const byDocument = new Map(this.#state.byDocument);
    for (const assignment of changed) byDocument.set(assignment.documentId, assignment);
    this.#set({ byDocument });
  }

  #set(change: Partial<MyAssignmentsState>): void {
    this.#state = { ...this.#state, ...change, revision: this.#state.revision + 1 };
    for (const listener of this.#listeners) listener();
  }
}

/** The assignments store of the workspace the workbench shows. */
export const assignmentsOf = perConnection((cache) => new MyAssignmentsStore(cache));

/** Every article's assignees and my status, and the store that changes them. */
export function useMyAssignments(): [MyAssignmentsState, MyAssignmentsStore] {
  const store = assignmentsOf(useCache());
  return [useSyncExternalStore(store.subscribe, store.state), store];
}
