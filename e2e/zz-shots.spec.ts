import { expectAllSaved, openArticle } from './support/editor-steps.js';
import { expect, selectWithMouse, test } from './support/workbench-fixture.js';
for (const [w, h] of [[1280, 800], [1920, 1080]] as const) {
  test(`shots ${w}`, async ({ page, workbench: _ }) => {
    await page.setViewportSize({ width: w, height: h });
    await openArticle(page, 'George Russell and Valtteri Bottas had a horrific crash');
    await page.getByRole('button', { name: 'Side by side' }).click();
    const pane = page.getByRole('region', { name: 'Compared article' });
    const option = (await pane.getByRole('option', { name: /seeing red/ }).textContent())!;
    await pane.getByLabel('Compare with').selectOption({ label: option });
    await selectWithMouse(page, 'lap 32', 0, '.compare-pane .article-text');
    await page.keyboard.press('3');
    await expectAllSaved(page);
    await selectWithMouse(page, '30th lap');
    await page.keyboard.press('3');
    await expectAllSaved(page);
    await page.keyboard.press('l');
    await page.screenshot({ path: `/tmp/shots/linking-bar-${w}.png` });
    await pane.locator('.annotation').filter({ hasText: 'lap 32' }).click();
    await expect(page.getByRole('dialog', { name: 'Choose the link type' })).toBeVisible();
    await page.screenshot({ path: `/tmp/shots/prompt-${w}.png` });
    await page.keyboard.press('4');
    await expectAllSaved(page);
    await pane.locator('.annotation').filter({ hasText: 'lap 32' }).click();
    await page.screenshot({ path: `/tmp/shots/compare-active-${w}.png` });
  });
}
