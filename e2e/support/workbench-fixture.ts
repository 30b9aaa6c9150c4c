import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { Annotation } from '../../shared/model/annotation.js';
import type { Link } from '../../shared/model/link.js';
import { AnnotationFileSchema, LinkLayerFileSchema } from '../../shared/model/workspace.js';
import { startBrowserHostProcess, type BrowserHostProcess } from '../../tools/host-process/browser-host-process.js';

/** A browser host on a fresh default workspace (with the sample articles), opened in the page. */
export interface Workbench {
  host: BrowserHostProcess;
  workspaceDir: string;
  /** Every annotation stored on disk, read from the workspace's files as they are now. */
  storedAnnotations(): Promise<Annotation[]>;
  /** Every link stored on disk (every annotator's link file) as it is now. */
  storedLinks(): Promise<Link[]>;
}

/** Playwright's test with a `workbench` fixture; page errors fail the test. */
export const test = base.extend<{ workbench: Workbench; scratchDir: string }>({
  scratchDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'corroborate-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  workbench: async ({ page, scratchDir }, use) => {
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const appDataDir = join(scratchDir, 'appdata');
    const host = await startBrowserHostProcess({ appDataDir });
    const workspaceDir = join(appDataDir, 'workspace');
    await page.goto(host.url);
    await use({
      host,
      workspaceDir,
      storedAnnotations: () => readStoredAnnotations(workspaceDir),
      storedLinks: () => readStoredLinks(workspaceDir),
    });
    expect(await host.stop(), 'the host stops cleanly on SIGTERM').toBe(0);
    expect(pageErrors, 'no errors in the page').toEqual([]);
  },
});

export { expect };

/** Reads every annotation file of a workspace from disk (every annotator's layer of every article). */
export async function readStoredAnnotations(workspaceDir: string): Promise<Annotation[]> {
  const dir = join(workspaceDir, 'annotations');
  const all: Annotation[] = [];
  for (const document of await readdir(dir, { withFileTypes: true })) {
    if (!document.isDirectory()) continue;
    for (const name of await readdir(join(dir, document.name))) {
      if (name.endsWith('.json')) all.push(...AnnotationFileSchema.parse(JSON.parse(await readFile(join(dir, document.name, name), 'utf8'))).annotations);
    }
  }
  return all;
}

/** Reads every link of a workspace from disk (every annotator's link file). */
export async function readStoredLinks(workspaceDir: string): Promise<Link[]> {
  const dir = join(workspaceDir, 'links');
  const all: Link[] = [];
  for (const name of (await readdir(dir).catch(() => [] as string[])).sort()) {
    if (name.endsWith('.json')) all.push(...LinkLayerFileSchema.parse(JSON.parse(await readFile(join(dir, name), 'utf8'))).links);
  }
  return all;
}

/**
 * Selects `exact` in the article with the mouse, as a person would: presses at the left edge of its
 * first character and drags to the right edge of its last, in the article text matched by `root`
 * (the open article's by default; `.compare-pane .article-text` for the compared one). Returns what
 * the browser says is selected.
 */
export async function selectWithMouse(page: Page, exact: string, occurrence = 0, root = '.article-text'): Promise<string> {
  return dragToSelect(page, await phraseBox(page, exact, occurrence, root));
}

/**
 * Where a person would press (the middle of the phrase's first character) and let go (the middle of
 * its last) to select the `occurrence`-th `exact` under `root`, scrolled into view first.
 */
export async function phraseBox(page: Page, exact: string, occurrence = 0, root = '.article-text'): Promise<{ x1: number; y1: number; x2: number; y2: number }> {
  // As a person would: wait until the article showing holds the words before reaching for them.
  await page.waitForFunction(
    ({ exact, root }) => (document.querySelector(root)?.textContent ?? '').includes(exact),
    { exact, root },
    { timeout: 15_000 },
  );
  const box = await page.evaluate(
    ({ exact, occurrence, root }) => {
      const walker = document.createTreeWalker(document.querySelector(root)!, NodeFilter.SHOW_TEXT);
      // Concatenate text nodes to find the phrase, then map back to nodes and offsets.
      const nodes: Text[] = [];
      let all = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push(n as Text);
        all += (n as Text).data;
      }
      let index = -1;
      for (let i = 0; i <= occurrence; i++) index = all.indexOf(exact, index + 1);
      if (index < 0) throw new Error(`"${exact}" is not in the article`);
      const locate = (offset: number) => {
        let seen = 0;
        for (const node of nodes) {
          if (offset < seen + node.data.length) return { node, offset: offset - seen };
          seen += node.data.length;
        }
        throw new Error('offset past the end');
      };
      const rectOf = (offset: number, length: number) => {
        const start = locate(offset);
        const range = document.createRange();
        range.setStart(start.node, start.offset);
        range.setEnd(start.node, start.offset + length);
        const rects = range.getClientRects();
        return rects[0]!;
      };
      locate(index).node.parentElement!.scrollIntoView({ block: 'center' });
      const firstLength = exact.codePointAt(0)! > 0xffff ? 2 : 1;
      const lastChar = [...exact].at(-1)!;
      const first = rectOf(index, firstLength);
      const last = rectOf(index + exact.length - lastChar.length, lastChar.length);
      return {
        x1: first.left + 0.5,
        y1: first.top + first.height / 2,
        x2: last.right - 0.5,
        y2: last.top + last.height / 2,
      };
    },
    { exact, occurrence, root },
  );
  return box;
}

/**
 * Presses the mouse at (x1, y1), drags to (x2, y2) and lets go, as a person selecting text would.
 * Returns what the browser says is selected.
 */
export async function dragToSelect(page: Page, box: { x1: number; y1: number; x2: number; y2: number }): Promise<string> {
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
  // A person lets go and then reads what they selected: by then the browser has delivered its
  // selectionchange event (a task) and the editor has taken the selection over. Two frames.
  return page.evaluate(
    () =>
      new Promise<string>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(window.getSelection()!.toString()))),
      ),
  );
}
