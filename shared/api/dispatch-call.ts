import { isMethodName, workbenchContract, type WorkbenchApi } from './contract/index.js';
import { wireCodecOf } from './wire-codecs.js';
import { WorkbenchError, type CallResult } from './workbench-error.js';

/**
 * Runs one call that arrived over a transport (IPC or HTTP): checks the method exists, validates the
 * payload against the contract's schema, calls the implementation, puts the result in its wire form
 * (where the contract gives one) and turns any failure into a CallResult. Unexpected errors are reported as `internal` with their message, never thrown.
 */
export async function dispatchCall(api: WorkbenchApi, method: string, payload: unknown): Promise<CallResult<unknown>> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'unknown-method', message: `There is no method called "${method}".` } };
  }
  const parsed = workbenchContract[method].input.safeParse(payload ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'invalid-input', message: `Invalid input for ${method}: ${issues}` } };
  }
  try {
    const implementation = api[method] as (input: unknown) => Promise<unknown>;
    const value = await implementation.call(api, parsed.data);
    const wire = wireCodecOf(method);
    return { ok: true, value: wire ? wire.encode(value) : value };
  } catch (error) {
    if (error instanceof WorkbenchError) return { ok: false, error: error.toInfo() };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message } };
  }
}
