import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { violationsOf } from './axe-rules.js';
import { shoot } from './screenshots.js';
import { startBrowserHostProcess, type BrowserHostProcess } from '../../tools/host-process/browser-host-process.js';

/** The accessibility rules the Curate view is checked against. */
export const CURATION_AXE_RULES = ['color-contrast', 'label-content-name-mismatch', 'aria-allowed-attr', 'button-name', 'label', 'landmark-unique', 'region'];

/** The curator hosts started by the running test (`openAsCurator`). */
const running: BrowserHostProcess[] = [];

/** Stops the curator hosts the test started, each of which must exit cleanly (use in `test.afterEach`). */
export async function stopCuratorHosts(): Promise<void> {
  for (const host of running.splice(0)) expect(await host.stop()).toBe(0);
}

/** The disagreement shown in the Curate view. */
export const disagreementCard = (page: Page) => page.getByRole('region', { name: /^Disagreement \d+ of \d+/ });

/**
 * Starts the browser host on `workspaceDir` for a curator (the app data of a person who never
 * annotated it) and opens it at 1280 × 800 (`stopCuratorHosts` stops it). Returns the host and the page's errors as they come.
 */
export async function openAsCurator(page: Page, workspaceDir: string, scratchDir: string): Promise<{ host: BrowserHostProcess; pageErrors: string[] }> {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const host = await startBrowserHostProcess({ workspaceDir, appDataDir: join(scratchDir, 'curator') });
  running.push(host);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  return { host, pageErrors };
}

/**
 * Screenshots of the Curate view as it is, `<name>-1280x800` (checked against the accessibility rules,
 * as `what`) and `<name>-1920x1080`, then back at 1280 × 800.
 */
export async function shootCurateView(page: Page, name: string, what: string): Promise<void> {
  await shoot(page, `${name}-1280x800`);
  expect(await violationsOf(page, CURATION_AXE_RULES), what).toEqual([]);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shoot(page, `${name}-1920x1080`);
  await page.setViewportSize({ width: 1280, height: 800 });
}
