import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test } from './workbench-fixture.js';

/** A screenshot for people to look at, kept with the test's results (and in SHOTS_DIR when set). */
export async function shoot(page: Page, name: string): Promise<void> {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path });
  if (process.env.SHOTS_DIR) {
    await mkdir(process.env.SHOTS_DIR, { recursive: true });
    await copyFile(path, join(process.env.SHOTS_DIR, `${name}.png`));
  }
}
