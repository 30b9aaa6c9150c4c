/**
 * Node side of the browser workloads: launches the Debian Chromium headless with the flags of this
 * machine, bundles page code with esbuild, and calls the page helpers (`page-helpers.ts`, exposed as
 * `globalThis.__bench`) with a time bound on the Node side too, so a page whose main thread hangs
 * cannot hang the suite. No DOM types here: this file is also compiled for Node.
 */
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'esbuild';

const here = import.meta.dirname;

/** The Chromium flags the browser workloads run with. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Launches headless Chromium (CORROBORATE_CHROMIUM or /usr/bin/chromium). */
export function launchBenchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CORROBORATE_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Bundles `entry` (relative to this folder) into one script for a page. */
export async function bundleForPage(entry: string, format: 'iife' | 'esm' = 'iife'): Promise<{ js: string; css: string }> {
  const result = await build({
    entryPoints: [resolve(here, entry)],
    bundle: true,
    format,
    write: false,
    outdir: 'out',
    target: 'chrome120',
    minify: false,
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  return { js, css };
}

let helpers: Promise<string> | null = null;
/** The page helpers as an init script (bundled once per process). */
export function pageHelpersScript(): Promise<string> {
  helpers ??= bundleForPage('page-helpers.ts').then((b) => b.js);
  return helpers;
}

/** Rejects with "did not finish in N s" when `promise` takes longer than `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TimeoutError(`${what} did not finish in ${Math.round(ms / 1000)} s`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A step of a browser workload that did not finish in its time bound. */
export class TimeoutError extends Error {}

/** Calls `__bench[name](...args)` in the page and resolves to its result. */
export function callInPage<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([fn, list]) => {
      const bench = (globalThis as unknown as { __bench: Record<string, (...a: unknown[]) => unknown> }).__bench;
      return bench[fn as string]!(...(list as unknown[])) as T;
    },
    [name, args] as const,
  ) as Promise<T>;
}

/** Peak JS heap used by the page (CDP Performance metrics), in MB. */
export async function jsHeapUsedMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN) / 1e6;
  } finally {
    await cdp.detach();
  }
}

/** The outcome of one label add in the page (`addLabel`): ms to painted, ms to "All changes saved", or why it was skipped. */
export type AddResult = { inDom: number; painted: number; saved: number } | { skipped: string };

/**
 * What `runPeer` in recogito-peer-page.ts resolves to: what the peer measured and what it produced
 * (declared here, where the Node side can see it too).
 */
export interface PeerResult {
  /** From putting the text in the page to highlights painted; null if not painted in time. */
  ms: number | null;
  /** Annotations in the annotator's store after `setAnnotations`. */
  stored: number;
  /** Whether the container's text is exactly the article's text (so offsets mean the same characters). */
  sameText: boolean;
  /** Stored annotations whose quote is the span's text and that have highlight boxes in its index. */
  anchored: number;
  /** Highlight elements its renderer drew (it draws only what is on screen). */
  highlightElements: number;
  /** The first stored selector that did not match, for the error message. */
  firstMismatch?: string;
}
