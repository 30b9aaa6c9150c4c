import { expect, type Page } from '@playwright/test';

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
