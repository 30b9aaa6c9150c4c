import { expect, type Page } from '@playwright/test';
import { selectWithMouse } from './workbench-fixture.js';

/** The side panel listing the open article's annotations. */
export const annotationPanel = (page: Page) => page.getByRole('complementary', { name: 'Annotations' });

/**
 * Waits until every edit has been saved durably (the status says so only then); `timeout` gives a
 * slow save (an annotation file of thousands of annotations, on a loaded machine) room.
 */
export async function expectAllSaved(page: Page, timeout?: number): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible({ timeout });
}

/** Opens an article by clicking its title in the list, and waits for its heading. */
export async function openArticle(page: Page, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: new RegExp(title) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
}

/**
 * Selects `phrase` in the article with the keyboard only: Ctrl+F, type it, Escape (which closes the
 * find bar and leaves the match selected in the article). Returns what the browser has selected.
 */
export async function selectWithFind(page: Page, phrase: string): Promise<string> {
  await page.keyboard.press('Control+f');
  await expect(page.getByRole('search', { name: 'Find in article' }).getByRole('searchbox')).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(phrase);
  await expect(page.locator('.search-hit-current')).not.toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.locator('.article-text')).toBeFocused();
  return page.evaluate(() => window.getSelection()!.toString());
}

/** The text of the annotation that has the focus ring in the article. */
export async function focusedText(page: Page): Promise<string> {
  return (await page.locator('.article-text .annotation-focused').allTextContents()).join('');
}

/**
 * Labels `text` in the open article as a person does: selects it with the mouse, presses the label
 * key `key`, and waits until the new annotation has the focus and is saved.
 */
export async function labelWithMouse(page: Page, text: string, key: string): Promise<void> {
  expect(await selectWithMouse(page, text)).toBe(text);
  await page.keyboard.press(key);
  await expect(page.locator('.reader .annotation-focused')).toHaveText(text);
  await expectAllSaved(page);
}
