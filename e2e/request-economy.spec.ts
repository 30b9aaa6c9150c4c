import type { Page } from '@playwright/test';
import { annotationPanel, expectAllSaved, focusedText, openArticle } from './support/editor-steps.js';
import { expect, selectWithMouse, test } from './support/workbench-fixture.js';

/** Records the names of the contract methods the page calls from now on. */
function recordCalls(page: Page): { names: string[]; stop(): void } {
  const names: string[] = [];
  const listener = (request: { url(): string }) => {
    const match = /\/api\/([A-Za-z]+)$/.exec(new URL(request.url()).pathname);
    if (match) names.push(match[1]!);
  };
  page.on('request', listener);
  return { names, stop: () => page.off('request', listener) };
}

test('an edit is one request: labelling sends createAnnotations and nothing else, and the list counts follow', async ({ page, workbench }) => {
  expect(workbench.host.url).toContain('#token=');
  await openArticle(page, 'Hamilton offers words of support for Russell');
  const article = page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: /Hamilton offers words of support/ });
  await expect(article).toContainText('0 annotations');
  await selectWithMouse(page, 'Yesterday wasn’t my proudest day,');
  const calls = recordCalls(page);
  await page.keyboard.press('2');
  await expect(annotationPanel(page).getByRole('button', { name: /^Quote: Yesterday/ })).toBeVisible();
  await expectAllSaved(page);
  // The article list's count comes from the result, not from listing the documents again.
  await expect(article).toContainText('1 annotation');
  calls.stop();
  expect(calls.names).toEqual(['createAnnotations']);
});

test('deleting a linked annotation is one request that says how many links went; moving the focus asks for nothing', async ({ page, workbench }) => {
  expect(workbench.host.url).toContain('#token=');
  await openArticle(page, 'Hamilton offers words of support for Russell');
  await selectWithMouse(page, 'Yesterday wasn’t my proudest day,');
  await page.keyboard.press('2');
  await selectWithMouse(page, 'Russell');
  await page.keyboard.press('1');
  await expectAllSaved(page);

  // Link the two by keys: j/k to the quote, l, j/k to the claim, 1 (same).
  const calls = recordCalls(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  const first = await focusedText(page);
  await page.keyboard.press('l');
  await page.keyboard.press('j');
  await expect.poll(() => focusedText(page)).not.toBe(first);
  const before = calls.names.length;
  await page.keyboard.press('1');
  await expect(page.getByRole('region', { name: 'Links' }).getByRole('listitem')).toHaveCount(1);
  await expectAllSaved(page);
  // Making the link: the link itself, then this article's links read once to show both ends.
  expect(calls.names.slice(before)).toEqual(['createLink', 'listLinks']);

  // Moving between annotations reads nothing: their links are known.
  const moving = recordCalls(page);
  await page.keyboard.press('k');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect(page.getByRole('region', { name: 'Links' }).getByRole('listitem')).toHaveCount(1);
  moving.stop();
  expect(moving.names).toEqual([]);

  const deleting = recordCalls(page);
  await page.keyboard.press('Delete');
  await expect(page.getByRole('status').filter({ hasText: /and its 1 link\. Ctrl\+Z brings them back\./ })).toBeVisible();
  await expectAllSaved(page);
  deleting.stop();
  calls.stop();
  expect(deleting.names).toEqual(['deleteAnnotations']);
});
