import { methodNames, workbenchContract, type MethodName, type MethodSpec, type WorkbenchApi } from './contract.js';
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
    const wire = (workbenchContract[name] as MethodSpec).wire;
    client[name] = async (input: unknown) => {
      const result = await send(name, input ?? {});
      if (result.ok) return wire ? wire.decode(result.value) : result.value;
      throw new WorkbenchError(result.error.code, result.error.message);
    };
  }
  return client as unknown as WorkbenchApi;
}
