import { join } from 'node:path';
import { z } from 'zod';
import { SettingsFile } from './settings-file.js';

/** A rectangle on the screen, in device-independent pixels. */
export interface ScreenRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The window's place as remembered between launches. */
export interface WindowPlacement {
  /** The window's bounds when it is neither maximised nor full screen. */
  bounds: ScreenRect;
  maximized: boolean;
}

/** The size a first window opens at (made smaller where the screen is). */
export const DEFAULT_WINDOW_SIZE = { width: 1400, height: 900 } as const;
/** The smallest window the workbench is usable in. */
export const MINIMUM_WINDOW_SIZE = { width: 640, height: 480 } as const;

const WINDOW_STATE_VERSION = 1;
const dimension = z.number().int().min(1).max(100_000);
const coordinate = z.number().int().min(-100_000).max(100_000);
const WindowStateFileSchema = z
  .object({
    schemaVersion: z.literal(WINDOW_STATE_VERSION),
    bounds: z.object({ x: coordinate, y: coordinate, width: dimension, height: dimension }).strict(),
    maximized: z.boolean(),
  })
  .strict();
type WindowStateFileData = z.infer<typeof WindowStateFileSchema>;

/** `window-state.json` in the app-data folder: where the window was when the app last quit. */
export class WindowStateFile {
  readonly #file: SettingsFile<WindowStateFileData>;

  constructor(appDataDir: string) {
    this.#file = new SettingsFile(join(appDataDir, 'window-state.json'), WindowStateFileSchema, WINDOW_STATE_VERSION);
  }

  /** The file's path. */
  get path(): string {
    return this.#file.path;
  }

  /** The remembered placement (null on a first launch or when the file cannot be used), and what was wrong with the file. */
  async read(): Promise<{ placement: WindowPlacement | null; problem: string | null }> {
    const { data, problem } = await this.#file.read();
    return { placement: data ? { bounds: data.bounds, maximized: data.maximized } : null, problem };
  }

  /** Remembers `placement` (rounded to whole pixels). */
  async write(placement: WindowPlacement): Promise<void> {
    const { x, y, width, height } = placement.bounds;
    const bounds = { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
    await this.#file.write({ schemaVersion: WINDOW_STATE_VERSION, bounds, maximized: placement.maximized });
  }
}

/**
 * Where to open the window, given where it was (or null) and the work areas of the displays now
 * attached (the primary first). The window goes back on the display it overlaps most, made no
 * larger than that display and moved so all of it is on it; a window on no display now (a monitor
 * unplugged, a smaller resolution) opens centred on the primary display instead, as does a first
 * window, at the default size.
 */
export function placeOnDisplays(saved: WindowPlacement | null, workAreas: readonly ScreenRect[]): WindowPlacement {
  const primary = workAreas[0];
  if (!primary) return { bounds: { x: 0, y: 0, ...DEFAULT_WINDOW_SIZE }, maximized: saved?.maximized ?? false };
  const area = saved ? mostOverlapped(saved.bounds, workAreas) : null;
  if (!saved || !area) {
    const size = fitSize(saved?.bounds ?? DEFAULT_WINDOW_SIZE, primary);
    return { bounds: { ...centredIn(size, primary), ...size }, maximized: saved?.maximized ?? false };
  }
  const size = fitSize(saved.bounds, area);
  const x = clamp(saved.bounds.x, area.x, area.x + area.width - size.width);
  const y = clamp(saved.bounds.y, area.y, area.y + area.height - size.height);
  return { bounds: { x, y, ...size }, maximized: saved.maximized };
}

/** The work area `rect` overlaps most, or null when it overlaps none. */
function mostOverlapped(rect: ScreenRect, areas: readonly ScreenRect[]): ScreenRect | null {
  let best: ScreenRect | null = null;
  let bestOverlap = 0;
  for (const area of areas) {
    const overlap = overlapArea(rect, area);
    if (overlap > bestOverlap) {
      best = area;
      bestOverlap = overlap;
    }
  }
  return best;
}

function overlapArea(a: ScreenRect, b: ScreenRect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** `size` made no larger than `area` and, where the area allows, no smaller than the minimum. */
function fitSize(size: { width: number; height: number }, area: ScreenRect): { width: number; height: number } {
  return {
    width: Math.min(area.width, Math.max(MINIMUM_WINDOW_SIZE.width, size.width)),
    height: Math.min(area.height, Math.max(MINIMUM_WINDOW_SIZE.height, size.height)),
  };
}

function centredIn(size: { width: number; height: number }, area: ScreenRect): { x: number; y: number } {
  return { x: area.x + Math.round((area.width - size.width) / 2), y: area.y + Math.round((area.height - size.height) / 2) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}
