import type { MethodName, WorkbenchApi } from './contract/index.js';
import { WorkbenchError, type CallResult } from './workbench-error.js';
import { wireCodecOf } from './wire-codecs.js';

/** Sends one call across a transport and returns its result (IPC invoke or an HTTP request). */
export type CallSender = (method: MethodName, input: unknown) => Promise<CallResult<unknown>>;

/**
 * Builds the renderer's API object from the contract: one function per method that sends the call
 * and unwraps the result (out of its compact form, where it has one), throwing a WorkbenchError when
 * the call failed. The methods are the contract's by type; at run time any method name is sent and
 * the services refuse names they do not know ("unknown-method"). So the renderer imports only the
 * contract's types, not its schemas (and no schema library).
 */
export function createClient(send: CallSender): WorkbenchApi {
  const methods = new Map<string, (input: unknown) => Promise<unknown>>();
  const methodFor = (name: MethodName) => {
    const wire = wireCodecOf(name);
    return async (input: unknown) => {
      const result = await send(name, input ?? {});
      if (result.ok) return wire ? wire.decode(result.value) : result.value;
      throw new WorkbenchError(result.error.code, result.error.message);
    };
  };
  return new Proxy({} as WorkbenchApi, {
    get(_target, name) {
      // Not a method: symbols, and `then` (so the client is never taken for a promise).
      if (typeof name !== 'string' || name === 'then') return undefined;
      let method = methods.get(name);
      if (!method) methods.set(name, (method = methodFor(name as MethodName)));
      return method;
    },
  });
}
