import { StoreFileError } from '../storage/index.js';
import type { JsonStoreFile } from '../storage/json-store-file.js';
import { relativeName } from './my-layer-files.js';
import { ReadOnlyWorkspaceError, type StoreProblem } from './store-types.js';
import { WORKSPACE_FILE } from './workspace-folder.js';

/**
 * The files of a workspace a store could not use, each with what is wrong: reading a file records
 * why it cannot be used instead of throwing, and edits of such a file (or of anything, when it is
 * `workspace.json`) are refused, so a damaged file is never overwritten.
 */
export class StoreProblems {
  readonly #byFile = new Map<string, StoreProblem>();

  /** @param dir the workspace folder */
  constructor(private readonly dir: string) {}

  /** Every problem, in the order they were found. */
  get all(): StoreProblem[] {
    return [...this.#byFile.values()];
  }

  /** Why every edit is refused (the workspace file cannot be used), or null. */
  get readOnlyReason(): string | null {
    return this.#byFile.get(WORKSPACE_FILE)?.message ?? null;
  }

  /** Why edits of `file` (relative path) are refused, or null. */
  reasonFor(file: string): string | null {
    return this.readOnlyReason ?? this.#byFile.get(file)?.message ?? null;
  }

  /** Throws the read-only refusal when `file` cannot be edited. */
  refuseIfReadOnly(file: string): void {
    const reason = this.reasonFor(file);
    if (reason) throw new ReadOnlyWorkspaceError(`This workspace is open read-only: ${reason}`);
  }

  /** Records a problem found elsewhere (an upgrade that failed, a file left from an older layout). */
  record(problem: StoreProblem): void {
    this.#byFile.set(problem.file, problem);
  }

  /** Forgets the problem of `file` (restored, read again, or no longer this store's). */
  clear(file: string): void {
    this.#byFile.delete(file);
  }

  /** Reads `file` into its lowdb, recording why when it cannot be used. */
  async read<T>(file: JsonStoreFile<T>): Promise<void> {
    try {
      await file.db.read();
    } catch (error) {
      if (!(error instanceof StoreFileError)) throw error;
      const name = relativeName(this.dir, file);
      this.#byFile.set(name, { file: name, kind: error.kind, message: error.message });
    }
  }
}
