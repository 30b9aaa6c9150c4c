import { methodNames, type WorkbenchApi } from '../../shared/api/contract/index.js';
import { WorkbenchError } from '../../shared/api/workbench-error.js';
import { StoreWriteRefusedError, UnsavableDataError, WorkspaceLockedError } from '../storage/index.js';
import { ReadOnlyWorkspaceError } from './store-types.js';

const DISK_ERRORS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EACCES: 'Corroborate may not write to the workspace folder',
  EPERM: 'Corroborate may not write to the workspace folder',
  EIO: 'the disk reported an input/output error',
};

/** Turns what the store throws into the error a person using the app should read. */
export function toWorkbenchError(error: unknown): WorkbenchError | unknown {
  if (error instanceof WorkbenchError) return error;
  if (error instanceof ReadOnlyWorkspaceError || error instanceof StoreWriteRefusedError) {
    return new WorkbenchError('read-only', error.message);
  }
  if (error instanceof WorkspaceLockedError) return new WorkbenchError('conflict', error.message);
  if (error instanceof UnsavableDataError) return new WorkbenchError('internal', error.message);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && code in DISK_ERRORS) {
    return new WorkbenchError(
      'storage',
      `Not saved yet: ${DISK_ERRORS[code]} (${code}). Your edit is kept and Corroborate keeps trying to save it; the file on disk is unchanged.`,
    );
  }
  return error;
}

/** The same API, with store errors translated for people (see `toWorkbenchError`). */
export function withReadableStoreErrors(api: WorkbenchApi): WorkbenchApi {
  const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of methodNames) {
    const method = api[name] as (input: unknown) => Promise<unknown>;
    wrapped[name] = async (input) => {
      try {
        return await method.call(api, input);
      } catch (error) {
        throw toWorkbenchError(error);
      }
    };
  }
  return wrapped as unknown as WorkbenchApi;
}
