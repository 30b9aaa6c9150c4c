import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../storage/test-support.js';
import { DEFAULT_WINDOW_SIZE, placeOnDisplays, WindowStateFile, type ScreenRect } from './window-state.js';

const laptop: ScreenRect = { x: 0, y: 25, width: 1440, height: 875 };
const monitorOnTheRight: ScreenRect = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('placing the window on the displays attached now', () => {
  it('opens a first window at the default size, centred on the primary display', () => {
    expect(placeOnDisplays(null, [{ x: 0, y: 0, width: 1920, height: 1080 }])).toEqual({
      bounds: { x: 260, y: 90, ...DEFAULT_WINDOW_SIZE },
      maximized: false,
    });
    // A screen smaller than the default size gets a window as large as it is.
    expect(placeOnDisplays(null, [{ x: 0, y: 0, width: 1280, height: 720 }]).bounds).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
  });

  it('puts the window back where it was, on the display it was on', () => {
    const onMonitor = { bounds: { x: 2000, y: 200, width: 1200, height: 800 }, maximized: false };
    expect(placeOnDisplays(onMonitor, [laptop, monitorOnTheRight])).toEqual(onMonitor);
    expect(placeOnDisplays({ ...onMonitor, maximized: true }, [laptop, monitorOnTheRight]).maximized).toBe(true);
  });

  it('brings a window of an unplugged display back, centred on the primary one', () => {
    const onMonitor = { bounds: { x: 2000, y: 200, width: 1200, height: 800 }, maximized: false };
    expect(placeOnDisplays(onMonitor, [laptop])).toEqual({ bounds: { x: 120, y: 63, width: 1200, height: 800 }, maximized: false });
    expect(placeOnDisplays({ bounds: { x: -5000, y: -5000, width: 900, height: 700 }, maximized: false }, [laptop]).bounds).toEqual({
      x: 270,
      y: 113,
      width: 900,
      height: 700,
    });
  });

  it('moves a window that hangs over an edge fully onto its display, and shrinks one larger than it', () => {
    expect(placeOnDisplays({ bounds: { x: 1000, y: -40, width: 1000, height: 700 }, maximized: false }, [laptop]).bounds).toEqual({
      x: 440,
      y: 25,
      width: 1000,
      height: 700,
    });
    expect(placeOnDisplays({ bounds: { x: 10, y: 30, width: 2500, height: 1600 }, maximized: false }, [laptop]).bounds).toEqual(laptop);
    // The display it overlaps most wins: mostly on the monitor, so it goes there.
    expect(placeOnDisplays({ bounds: { x: 1300, y: 100, width: 1000, height: 700 }, maximized: false }, [laptop, monitorOnTheRight]).bounds).toEqual({
      x: 1440,
      y: 100,
      width: 1000,
      height: 700,
    });
  });

  it('never makes a window smaller than the workbench can be used in, where the display allows', () => {
    expect(placeOnDisplays({ bounds: { x: 100, y: 100, width: 20, height: 10 }, maximized: false }, [laptop]).bounds).toEqual({
      x: 100,
      y: 100,
      width: 640,
      height: 480,
    });
  });
});

describe('window-state.json', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeEach(async () => ({ dir, remove } = await makeTempDir('window-state')));
  afterEach(() => remove());

  it('remembers the placement between launches, in whole pixels', async () => {
    const file = new WindowStateFile(dir);
    expect(await file.read()).toEqual({ placement: null, problem: null });
    await file.write({ bounds: { x: 10.4, y: 20.6, width: 1000, height: 700 }, maximized: true });
    expect(await new WindowStateFile(dir).read()).toEqual({ placement: { bounds: { x: 10, y: 21, width: 1000, height: 700 }, maximized: true }, problem: null });
  });

  it('reports a damaged file by name, opens at the default place, and keeps the damaged file beside the next one', async () => {
    const file = new WindowStateFile(dir);
    await writeFile(file.path, '{"schemaVersion":1,"bounds":{"x":10');
    const read = await file.read();
    expect(read.placement).toBeNull();
    expect(read.problem).toContain(file.path);
    expect(read.problem).toContain("the file ends before its JSON is complete");
    expect(read.problem).toContain(`kept as ${file.path}.broken`);
    await file.write({ bounds: { x: 1, y: 2, width: 800, height: 600 }, maximized: false });
    expect((await readdir(dir)).sort()).toEqual(['window-state.json', 'window-state.json.broken']);
    expect(await readFile(join(dir, 'window-state.json.broken'), 'utf8')).toBe('{"schemaVersion":1,"bounds":{"x":10');
    expect((await file.read()).placement?.bounds).toEqual({ x: 1, y: 2, width: 800, height: 600 });
  });

  it('refuses a placement with sizes that make no sense, naming the file', async () => {
    const file = new WindowStateFile(dir);
    await writeFile(file.path, JSON.stringify({ schemaVersion: 1, bounds: { x: 0, y: 0, width: -5, height: 600 }, maximized: false }));
    const read = await file.read();
    expect(read.placement).toBeNull();
    expect(read.problem).toContain(`Cannot use ${file.path}: it does not hold what it should`);
  });
});
