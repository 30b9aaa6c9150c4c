import { describe, expect, it } from 'vitest';
import { methodNames, workbenchContract, type WorkbenchApi } from './contract/index.js';
import { createClient } from './create-client.js';
import { dispatchCall } from './dispatch-call.js';
import { WorkbenchError } from './workbench-error.js';

/** An implementation whose every method echoes its input, or fails as asked. */
function echoApi(): WorkbenchApi {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of methodNames) {
    api[name] = async (input) => {
      const documentId = (input as { documentId?: string }).documentId;
      if (documentId === 'gone') throw new WorkbenchError('not-found', 'That article is not in this workspace.');
      if (documentId === 'boom') throw new Error('disk on fire');
      return { method: name, input };
    };
  }
  return api as unknown as WorkbenchApi;
}

describe('the contract wiring', () => {
  it('has a schema for every method and a client function for each, and the client is never taken for a promise', async () => {
    const client = createClient(async () => ({ ok: true, value: null }));
    expect(methodNames.length).toBeGreaterThan(0);
    for (const name of methodNames) {
      expect(workbenchContract[name].input).toBeDefined();
      expect(typeof client[name]).toBe('function');
    }
    expect((client as unknown as { then?: unknown }).then).toBeUndefined();
    await expect(Promise.resolve(client)).resolves.toBe(client);
  });

  it('round-trips a call through dispatch and client', async () => {
    const api = echoApi();
    const client = createClient((method, input) => dispatchCall(api, method, JSON.parse(JSON.stringify(input))));
    await expect(client.listLinks({ documentId: 'd1' })).resolves.toEqual({
      method: 'listLinks',
      input: { documentId: 'd1' },
    });
  });

  it('sends a name the contract does not have, and the services refuse it', async () => {
    const client = createClient((method, input) => dispatchCall(echoApi(), method, input)) as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    await expect(client.dropTables!({})).rejects.toMatchObject({ code: 'unknown-method' });
  });

  it('rejects unknown methods and invalid payloads before the implementation runs', async () => {
    const api = echoApi();
    expect(await dispatchCall(api, 'dropTables', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await dispatchCall(api, 'toString', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    const bad = await dispatchCall(api, 'createAnnotation', { documentId: 'd', labelId: 'claim', ranges: [{ start: 5, end: 2 }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const extra = await dispatchCall(api, 'openDocument', { documentId: 'd', evil: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('turns expected and unexpected failures into results, and the client back into WorkbenchErrors', async () => {
    const api = echoApi();
    expect(await dispatchCall(api, 'openDocument', { documentId: 'gone' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'That article is not in this workspace.' },
    });
    expect(await dispatchCall(api, 'openDocument', { documentId: 'boom' })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'disk on fire' },
    });
    const client = createClient((method, input) => dispatchCall(api, method, input));
    const error = await client.openDocument({ documentId: 'gone' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbenchError);
    expect(error).toMatchObject({ code: 'not-found' });
  });
});
