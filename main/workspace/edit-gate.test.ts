import { describe, expect, it } from 'vitest';
import { EditGate } from './edit-gate.js';

describe('the edit gate', () => {
  it('lets edits through while open, holds them while an exclusive section runs, and lets them go after', async () => {
    const gate = new EditGate();
    const order: string[] = [];
    await gate.pass();
    order.push('edit before');
    let finish!: () => void;
    const section = gate.exclusive(
      async () => void order.push('settled'),
      () => new Promise<void>((resolve) => (finish = () => (order.push('section done'), resolve()))),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(gate.closed).toBe(true);
    const held = gate.pass().then(() => order.push('edit during'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['edit before', 'settled']);
    finish();
    await section;
    await held;
    expect(order).toEqual(['edit before', 'settled', 'section done', 'edit during']);
    expect(gate.closed).toBe(false);
  });

  it('opens again when the section fails, and runs sections one after another', async () => {
    const gate = new EditGate();
    await expect(gate.exclusive(async () => undefined, async () => Promise.reject(new Error('server gone')))).rejects.toThrow('server gone');
    expect(gate.closed).toBe(false);
    const order: number[] = [];
    let releaseFirst!: () => void;
    const first = gate.exclusive(async () => undefined, () => new Promise<void>((resolve) => (releaseFirst = resolve)).then(() => void order.push(1)));
    await new Promise((resolve) => setImmediate(resolve));
    const second = gate.exclusive(async () => undefined, async () => void order.push(2));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual([1, 2]);
  });
});
