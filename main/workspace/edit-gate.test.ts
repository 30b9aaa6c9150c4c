import { describe, expect, it } from 'vitest';
import { EditGate } from './edit-gate.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the edit gate', () => {
  it('lets edits through while open, holds them while an exclusive section runs, and lets them go after', async () => {
    const gate = new EditGate();
    const order: string[] = [];
    await gate.edit(async () => void order.push('edit before'));
    let finish!: () => void;
    const section = gate.exclusive(
      async () => void order.push('settled'),
      () => new Promise<void>((resolve) => (finish = () => (order.push('section done'), resolve()))),
    );
    await tick();
    expect(gate.closed).toBe(true);
    const held = gate.edit(async () => void order.push('edit during'));
    await tick();
    expect(order).toEqual(['edit before', 'settled']);
    finish();
    await section;
    await held;
    expect(order).toEqual(['edit before', 'settled', 'section done', 'edit during']);
    expect(gate.closed).toBe(false);
  });

  it('waits for an edit of several steps under way to finish before the section starts, and runs edits made inside an edit at once', async () => {
    const gate = new EditGate();
    const order: string[] = [];
    let secondStep!: () => void;
    const importing = gate.edit(async () => {
      order.push('text written');
      await new Promise<void>((resolve) => (secondStep = resolve));
      // The index update of the same import: an edit inside the edit, never held at the gate.
      await gate.edit(async () => void order.push('index written'));
    });
    await tick();
    const section = gate.exclusive(async () => void order.push('settled'), async () => void order.push('sync'));
    await tick();
    expect(order).toEqual(['text written']);
    secondStep();
    await Promise.all([importing, section]);
    expect(order).toEqual(['text written', 'index written', 'settled', 'sync']);
  });

  it('opens again when the section fails, and runs sections one after another', async () => {
    const gate = new EditGate();
    await expect(gate.exclusive(async () => undefined, async () => Promise.reject(new Error('server gone')))).rejects.toThrow('server gone');
    expect(gate.closed).toBe(false);
    const order: number[] = [];
    let releaseFirst!: () => void;
    const first = gate.exclusive(async () => undefined, () => new Promise<void>((resolve) => (releaseFirst = resolve)).then(() => void order.push(1)));
    await tick();
    const second = gate.exclusive(async () => undefined, async () => void order.push(2));
    await tick();
    expect(order).toEqual([]);
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual([1, 2]);
  });
});
