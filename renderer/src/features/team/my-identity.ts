import { useSyncExternalStore } from 'react';
import type { MyIdentity } from '../../../../shared/api/contract/index.js';
import type { AnnotatorProfile } from '../../../../shared/model/annotator.js';
import type { WorkbenchCache } from '../../client/workbench-cache.js';
import { perConnection } from '../../client/connection-store.js';
import { useCache } from '../../client/workbench-context.js';

/** Who I am as the renderer knows it, and whether the dialog asking for it is open. */
export interface MyIdentityState {
  /** Null until read. */
  identity: MyIdentity | null;
  /** `first-run` when nobody said who they are yet (asked once, on launch); `change` from the top bar. */
  dialog: 'first-run' | 'change' | null;
  /** Bumped each time the identity changed (layers are read again). */
  revision: number;
}

/**
 * My identity for one workspace connection: read once, asked for on first launch, changed from the
 * top bar. Saving it reloads the workspace, so the open article shows my (perhaps new) layer.
 */
export class MyIdentityStore {
  #state: MyIdentityState = { identity: null, dialog: null, revision: 0 };
  readonly #listeners = new Set<() => void>();

  /** The store of the workspace reached through `cache`. */
  constructor(private readonly cache: WorkbenchCache) {
    void cache.api.getMyIdentity().then((identity) => this.#set({ identity, dialog: identity.source === 'none' && identity.changeable ? 'first-run' : null }));
  }

  /** The current state. */
  readonly state = (): MyIdentityState => this.#state;

  /** Calls `listener` after every change; returns how to stop. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Opens the dialog to change my name and email. */
  change(): void {
    this.#set({ dialog: 'change' });
  }

  /** Closes the dialog without saving (my identity stays as it is). */
  close(): void {
    this.#set({ dialog: null });
  }

  /** Saves my name and email; rejects with the services' message when they are refused. */
  async save(profile: AnnotatorProfile): Promise<void> {
    const before = this.#state.identity?.identity.id;
    const identity = await this.cache.api.setMyIdentity(profile);
    this.#set({ identity, dialog: null, revision: this.#state.revision + 1 });
    // Another id is another layer: the open article is read again as mine.
    if (identity.identity.id !== before) await this.cache.load();
  }

  #set(change: Partial<MyIdentityState>): void {
    this.#state = { ...this.#state, ...change };
    for (const listener of this.#listeners) listener();
  }
}

const identityOf = perConnection((cache) => new MyIdentityStore(cache));

/** My identity and its store, for the workspace the workbench shows. */
export function useMyIdentity(): [MyIdentityState, MyIdentityStore] {
  const store = identityOf(useCache());
  return [useSyncExternalStore(store.subscribe, store.state), store];
}
