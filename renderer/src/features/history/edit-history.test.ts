import { describe, expect, it } from 'vitest';
import { EditHistory, type EditCommand } from './edit-history.js';

/** A command over a shared log, so tests can see the order calls happened in. */
function logged(log: string[], name: string): () => Promise<EditCommand> {
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    log.push(`do ${name}`);
    return {
      description: name,
      undo: async () => void log.push(`undo ${name}`),
      redo: async () => void log.push(`redo ${name}`),
    };
  };
}

describe('EditHistory', () => {
  it('undoes and redoes in order, each after the edit before it has finished', async () => {
    const log: string[] = [];
    const states: (string | null)[] = [];
    const history = new EditHistory((s) => states.push(s.undo));
    void history.run(logged(log, 'a'));
    void history.run(logged(log, 'b'));
    void history.undo();
    void history.undo();
    await history.redo();
    expect(log).toEqual(['do a', 'do b', 'undo b', 'undo a', 'redo a']);
    expect(history.state).toEqual({ undo: 'a', redo: 'b' });
    expect(states.at(-1)).toBe('a');
  });

  it('drops the redo branch when a new edit is made', async () => {
    const log: string[] = [];
    const history = new EditHistory();
    await history.run(logged(log, 'a'));
    await history.undo();
    await history.run(logged(log, 'c'));
    expect(await history.redo()).toBe(false);
    expect(history.state).toEqual({ undo: 'c', redo: null });
  });

  it('does not record a failed edit and keeps a command whose undo failed', async () => {
    const history = new EditHistory();
    await expect(history.run(async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(history.state.undo).toBeNull();
    let fail = true;
    await history.run(async () => ({
      description: 'x',
      undo: async () => {
        if (fail) throw new Error('offline');
      },
      redo: async () => undefined,
    }));
    await expect(history.undo()).rejects.toThrow('offline');
    expect(history.state.undo).toBe('x');
    fail = false;
    expect(await history.undo()).toBe(true);
    expect(history.state).toEqual({ undo: null, redo: 'x' });
  });

  it('keeps at most the given number of edits', async () => {
    const history = new EditHistory(undefined, 2);
    for (const name of ['a', 'b', 'c']) await history.run(logged([], name));
    expect(await history.undo()).toBe(true);
    expect(await history.undo()).toBe(true);
    expect(await history.undo()).toBe(false);
  });
});
