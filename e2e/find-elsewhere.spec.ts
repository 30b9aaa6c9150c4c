import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { dragToSelect, expect, readStoredAnnotations, selectWithMouse, test } from './support/workbench-fixture.js';

const PIECES = ['I knew it would be one of our best opportunities', 'sometimes you take risks', 'I have to take responsibility for that'];

test('a discontinuous quote is found piece by piece in the other outlets and annotated there with every piece', async ({ page, workbench }) => {
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: /Hamilton offers words of support/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Hamilton offers words of support/);
  // Three pieces collected with +, finished with the quote key.
  for (const piece of PIECES.slice(0, 2)) {
    expect(await selectWithMouse(page, piece)).toBe(piece);
    await page.keyboard.press('+');
  }
  expect(await selectWithMouse(page, PIECES[2]!)).toBe(PIECES[2]);
  await page.keyboard.press('2');
  await expect(page.locator('.save-status')).toHaveText('All changes saved');

  const links = page.getByRole('region', { name: 'Links' });
  await links.getByRole('button', { name: 'Find in other articles' }).click();
  const sightings = links.getByLabel('In other articles').getByRole('listitem');
  await expect(sightings).toHaveCount(2);
  await expect(sightings.first()).toContainText(PIECES.join(' … '));
  await expect(sightings.first()).toContainText('same wording');
  await links.getByRole('button', { name: 'Annotate and link as same' }).first().click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(links.locator('.link-list > li')).toHaveCount(1);
  await expect(sightings).toHaveCount(1);

  const stored = await readStoredAnnotations(workbench.workspaceDir);
  const made = stored.filter((a) => a.fragments.length === 3);
  expect(made).toHaveLength(2);
  for (const annotation of made) expect(annotation.fragments.map((f) => f.exact)).toEqual(PIECES);
  expect(new Set(made.map((a) => a.documentId)).size).toBe(2);
});

/**
 * Selects with the mouse from the first character of `first` to the last character of the `last`
 * that follows it, dragging as a person would (the article scrolled so the start is at the top).
 */
async function selectBetween(page: Page, first: string, last: string): Promise<string> {
  const box = await page.evaluate(
    ({ first, last }) => {
      const walker = document.createTreeWalker(document.querySelector('.article-text')!, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      let all = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push(n as Text);
        all += (n as Text).data;
      }
      const rectAt = (offset: number) => {
        let seen = 0;
        for (const node of nodes) {
          if (offset < seen + node.data.length) {
            const range = document.createRange();
            range.setStart(node, offset - seen);
            range.setEnd(node, offset - seen + 1);
            return { node, rect: range.getClientRects()[0]! };
          }
          seen += node.data.length;
        }
        throw new Error('offset past the end');
      };
      const start = all.indexOf(first);
      const end = all.indexOf(last, start) + last.length;
      if (start < 0 || end < last.length) throw new Error(`${first} … ${last} is not in the article`);
      rectAt(start).node.parentElement!.scrollIntoView({ block: 'start' });
      const a = rectAt(start).rect;
      const b = rectAt(end - 1).rect;
      return { x1: a.left + 0.5, y1: a.top + a.height / 2, x2: b.right - 0.5, y2: b.top + b.height / 2 };
    },
    { first, last },
  );
  return dragToSelect(page, box);
}

/** The page is no wider than the window, and the side panel no wider than itself. */
async function expectNoHorizontalOverflow(page: Page) {
  const widths = await page.evaluate(() => {
    const panel = document.querySelector('.annotation-panel')!;
    return { page: document.documentElement.scrollWidth, window: document.documentElement.clientWidth, panel: panel.scrollWidth, panelBox: panel.clientWidth };
  });
  expect(widths.page).toBeLessThanOrEqual(widths.window);
  expect(widths.panel).toBeLessThanOrEqual(widths.panelBox);
}

test('a long quote’s candidate stops where the quote does; its ends are adjusted by keys and buttons, then annotated and linked exactly there, and undo removes both', async ({ page, workbench }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: /George Russell was seeing red/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/George Russell was seeing red/);
  // The whole apology, eight paragraphs, one of which ("Now it's full focus on Portugal…") Planet F1 does not carry.
  const selected = await selectBetween(page, '"Yesterday wasn\'t my proudest day,"', 'help me to grow."');
  expect(selected.startsWith('"Yesterday wasn\'t')).toBe(true);
  await page.keyboard.press('2');
  await expect(page.locator('.save-status')).toHaveText('All changes saved');

  const links = page.getByRole('region', { name: 'Links' });
  await links.getByRole('button', { name: 'Find in other articles' }).click();
  const planetF1 = links.getByLabel('In other articles').getByRole('listitem').filter({ hasText: 'Hamilton offers words of support' });
  await expect(planetF1).toHaveCount(1);
  // Bounded: it ends with Planet F1's last sentence of the apology, not in Hamilton's paragraph after it.
  const candidate = planetF1.locator('q');
  await expect(candidate).toHaveText(/^“Yesterday wasn’t my proudest day,”[\s\S]*a better person for the experience\.$/);
  await expect(planetF1).not.toContainText('Hamilton was quick');
  const found = Number(/(\d+) characters differ/.exec((await planetF1.locator('.sighting-details').textContent())!)![1]);

  // Adjust: the editor opens on the start's slider.
  await planetF1.getByRole('button', { name: 'Adjust ends' }).click();
  const ends = planetF1.getByRole('group', { name: 'Ends of the candidate' });
  const start = ends.getByRole('slider', { name: 'Start' });
  const end = ends.getByRole('slider', { name: 'End' });
  await expect(start).toBeFocused();
  await expect(start).toHaveText('“Yesterday');
  await expect(end).toHaveText('experience.');
  await expect(ends.locator('.sighting-context')).toContainText('apologise for his behaviour.');
  await expect(ends.locator('.sighting-context')).toContainText('Hamilton was quick');

  await expectNoHorizontalOverflow(page);
  // Legible and named as shown: axe's rules (with the one matching names to visible text) on the candidates.
  const axe = await new AxeBuilder({ page }).include('.sightings').options({ rules: { 'label-content-name-mismatch': { enabled: true } } }).analyze();
  expect(axe.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))).toEqual([]);
  await page.screenshot({ path: 'test-results/screens/sightings-adjust-1280x800.png' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: 'test-results/screens/sightings-adjust-1920x1080.png' });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Keys: → a word later, ← back, Alt+→ one character (the opening quote mark goes).
  await page.keyboard.press('ArrowRight');
  await expect(start).toHaveText('wasn’t');
  await page.keyboard.press('ArrowLeft');
  await expect(start).toHaveText('“Yesterday');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(start).toHaveText('Yesterday');
  // Buttons: the end a word earlier, a word later again, then Alt+click one character earlier (the full stop goes).
  const endGroup = ends.getByRole('group', { name: 'End' });
  await endGroup.getByRole('button', { name: '‹ Earlier' }).click();
  await expect(end).toHaveText('the');
  await endGroup.getByRole('button', { name: 'Later ›' }).click();
  await expect(end).toHaveText('experience.');
  await endGroup.getByRole('button', { name: '‹ Earlier' }).click({ modifiers: ['Alt'] });
  await expect(end).toHaveText('experience');
  await expect(planetF1.locator('.sighting-details')).toContainText(`${found + 2} characters differ (as found: ${found})`);
  const offsets = { start: Number(await start.getAttribute('aria-valuenow')), end: Number(await end.getAttribute('aria-valuenow')) };

  // Escape closes the editor (not the focused annotation); the candidate reads as adjusted.
  await page.keyboard.press('Escape');
  await expect(ends).toHaveCount(0);
  await expect(planetF1.getByRole('button', { name: 'Adjust ends' })).toBeFocused();
  await expect(candidate).toHaveText(/^Yesterday wasn’t my proudest day,”[\s\S]*a better person for the experience$/);
  // Opened again from the keyboard, it keeps the ends as adjusted.
  await page.keyboard.press('Enter');
  await expect(start).toBeFocused();
  await expect(start).toHaveText('Yesterday');
  await expect(end).toHaveText('experience');
  await ends.getByRole('button', { name: 'Done' }).click();

  await planetF1.getByRole('button', { name: 'Annotate and link as same' }).click();
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(links.locator('.link-list > li')).toHaveCount(1);
  await expect(links.locator('.link-list > li')).toContainText('Hamilton offers words of support');
  const made = (await workbench.storedAnnotations()).filter((a) => a.fragments[0]!.exact.startsWith('Yesterday wasn’t'));
  expect(made).toHaveLength(1);
  expect(made[0]!.fragments.map((f) => ({ start: f.start, end: f.end }))).toEqual([offsets]);
  expect(made[0]!.fragments[0]!.exact.endsWith('a better person for the experience')).toBe(true);

  // Undo takes back the annotation in Planet F1 and the link together.
  await page.locator('.article-text').focus();
  await page.keyboard.press('Control+z');
  await expect(page.locator('.save-status')).toHaveText('All changes saved');
  await expect(links.locator('.link-list > li')).toHaveCount(0);
  await expect.poll(async () => (await workbench.storedAnnotations()).filter((a) => a.fragments[0]!.exact.startsWith('Yesterday wasn’t')).length).toBe(0);
});
