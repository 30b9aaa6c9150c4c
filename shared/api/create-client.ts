import { methodNames, type MethodName, type WorkbenchApi } from './contract.js';
import { WorkbenchError, type CallResult } from './workbench-error.js';

/** Sends one call across a transport and returns its result (IPC invoke or an HTTP request). */
export type CallSender = (method: MethodName, input: unknown) => Promise<CallResult<unknown>>;

/**
 * Builds the renderer's API object from the contract: one function per method that sends the call
 * and unwraps the result, throwing a WorkbenchError when the call failed.
 */
export function createClient(send: CallSender): WorkbenchApi {
  const client: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of methodNames) {
    client[name] = async (input: unknown) => {
      const result = await send(name, input ?? {});
      if (result.ok) return result.value;
      throw new WorkbenchError(result.error.code, result.error.message);
    };
  }
  return client as unknown as WorkbenchApi;
}
