import type { Locator, Page } from '@playwright/test';
import { expect, selectWithMouse, test } from './support/workbench-fixture.js';
import { expectAllSaved, openArticle, selectWithFind, labelWithMouse } from './support/editor-steps.js';

const HAMILTON = 'Hamilton offers words of support for Russell';
const APOLOGY = 'Yesterday wasn’t my proudest day,';
const CLAIM = 'Hamilton has offered words of encouragement';

/** A box on the page. */
interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The box of one character of the article (the `index`th UTF-16 unit of the first `phrase`). */
async function characterBox(page: Page, phrase: string, index: number): Promise<Box> {
  return page.evaluate(
    ({ phrase, index }) => {
      const root = document.querySelector('.reader .article-text')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      let all = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push(n as Text);
        all += (n as Text).data;
      }
      let offset = all.indexOf(phrase) + index;
      for (const node of nodes) {
        if (offset < node.data.length) {
          const range = document.createRange();
          range.setStart(node, offset);
          range.setEnd(node, offset + 1);
          const { left, right, top, bottom } = range.getBoundingClientRect();
          return { left, right, top, bottom };
        }
        offset -= node.data.length;
      }
      throw new Error(`"${phrase}" is not in the article`);
    },
    { phrase, index },
  );
}

/**
 * Everything the focus ring paints, as boxes: for each element with the ring, its borders, its
 * outline (the band between its box grown by the offset and by offset + width) and each box shadow
 * (its box moved and grown, less the box itself); and the brackets drawn in the ring's colour.
 */
async function focusRingBoxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    const boxes: Box[] = [];
    const band = (r: DOMRect, inner: number, outer: number) => {
      // Four strips between the box grown by `inner` and by `outer`.
      const o = { left: r.left - outer, right: r.right + outer, top: r.top - outer, bottom: r.bottom + outer };
      const i = { left: r.left - inner, right: r.right + inner, top: r.top - inner, bottom: r.bottom + inner };
      boxes.push({ ...o, bottom: i.top }, { ...o, top: i.bottom }, { ...o, right: i.left }, { ...o, left: i.right });
    };
    for (const element of document.querySelectorAll('.reader .annotation-focused')) {
      const style = getComputedStyle(element);
      const outline = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth);
      const offset = parseFloat(style.outlineOffset) || 0;
      const shadows = style.boxShadow === 'none' ? [] : style.boxShadow.split(/,(?![^(]*\))/);
      const border = { top: parseFloat(style.borderTopWidth), bottom: parseFloat(style.borderBottomWidth), left: parseFloat(style.borderLeftWidth), right: parseFloat(style.borderRightWidth) };
      for (const r of element.getClientRects()) {
        // An inline box's client rects are its border boxes: the borders are their edges.
        if (border.top > 0) boxes.push({ left: r.left, right: r.right, top: r.top, bottom: r.top + border.top });
        if (border.bottom > 0) boxes.push({ left: r.left, right: r.right, top: r.bottom - border.bottom, bottom: r.bottom });
        if (border.left > 0) boxes.push({ left: r.left, right: r.left + border.left, top: r.top, bottom: r.bottom });
        if (border.right > 0) boxes.push({ left: r.right - border.right, right: r.right, top: r.top, bottom: r.bottom });
        if (outline > 0) band(r, offset, offset + outline);
        for (const shadow of shadows) {
          if (/inset/.test(shadow)) continue;
          const [x = 0, y = 0, blur = 0, spread = 0] = (shadow.replace(/rgba?\([^)]*\)/, '').match(/-?[\d.]+px/g) ?? []).map(parseFloat);
          const grow = spread + blur;
          const moved = { left: r.left + x - grow, right: r.right + x + grow, top: r.top + y - grow, bottom: r.bottom + y + grow };
          // What shows of a shadow is what the box itself does not cover.
          if (moved.top < r.top) boxes.push({ ...moved, bottom: Math.min(moved.bottom, r.top) });
          if (moved.bottom > r.bottom) boxes.push({ ...moved, top: Math.max(moved.top, r.bottom) });
          if (moved.left < r.left) boxes.push({ ...moved, right: Math.min(moved.right, r.left) });
          if (moved.right > r.right) boxes.push({ ...moved, left: Math.max(moved.left, r.right) });
        }
      }
    }
    for (const bracket of document.querySelectorAll('.reader .annotation-edge-focused')) {
      for (const r of bracket.getClientRects()) boxes.push({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
    }
    return boxes.filter((b) => b.right > b.left && b.bottom > b.top);
  });
}

/** The ids of the annotation elements around the first text node holding `word`, innermost first. */
async function annotationsAround(page: Page, word: string): Promise<string[]> {
  return page.evaluate((word) => {
    const walker = document.createTreeWalker(document.querySelector('.reader .article-text')!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!(n as Text).data.includes(word)) continue;
      const ids: string[] = [];
      for (let e = n.parentElement; e && !e.classList.contains('article-text'); e = e.parentElement) {
        if (e.classList.contains('annotation')) ids.push(e.dataset.annotationId!);
      }
      return ids;
    }
    return [];
  }, word);
}

test('two nested spans of one label show as two spans with their own ends, and the focus ring covers no letter of the inner one', async ({ page, workbench }) => {
  await openArticle(page, HAMILTON);
  // The outer quote with the mouse, the inner one with the keyboard (find, Escape, label key).
  expect(await selectWithMouse(page, APOLOGY)).toBe(APOLOGY);
  await page.keyboard.press('2');
  await expectAllSaved(page);
  expect(await selectWithFind(page, 'proudest')).toBe('proudest');
  await page.keyboard.press('2');
  await expectAllSaved(page);
  const stored = await workbench.storedAnnotations();
  expect(stored.map((a) => [a.labelId, a.fragments[0]!.exact]).sort()).toEqual([
    ['quote', 'Yesterday wasn’t my proudest day,'],
    ['quote', 'proudest'],
  ]);
  const outerId = stored.find((a) => a.fragments[0]!.exact === APOLOGY)!.id;
  const innerId = stored.find((a) => a.fragments[0]!.exact === 'proudest')!.id;

  // Two elements, one in the other, each with its own id: not one element carrying both.
  expect((await annotationsAround(page, 'proudest')).sort()).toEqual([outerId, innerId].sort());
  expect(await annotationsAround(page, 'Yesterday')).toEqual([outerId]);
  // Each span's start and end are drawn: an opening bracket right before its first letter, a
  // closing one right after its last, two of each for the two quotes.
  const text = page.locator('.reader .article-text');
  await expect(text.locator('.annotation-edge-start.label-quote')).toHaveCount(2);
  await expect(text.locator('.annotation-edge-end.label-quote')).toHaveCount(2);
  const brackets = await text.locator('.annotation-edge.label-quote').evaluateAll((elements) =>
    elements.map((e) => {
      const r = e.getBoundingClientRect();
      const style = getComputedStyle(e);
      const stroke = parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth);
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, stroke, colour: style.borderTopColor, focused: e.classList.contains('annotation-edge-focused') };
    }),
  );
  for (const bracket of brackets) {
    expect(bracket.stroke).toBeGreaterThanOrEqual(2);
    expect(bracket.right - bracket.left).toBeGreaterThanOrEqual(3);
    // In the label's colour, or the ring's on the focused span (the inner one, just labelled).
    expect(bracket.colour).toBe(bracket.focused ? 'rgb(194, 65, 12)' : 'rgb(59, 130, 246)');
  }
  const firstOfInner = await characterBox(page, 'proudest', 0);
  const lastOfInner = await characterBox(page, 'proudest', 'proudest'.length - 1);
  const beforeInner = brackets.filter((b) => Math.abs(b.right - firstOfInner.left) < 2 && overlaps({ ...b, right: b.right + 2 }, firstOfInner));
  const afterInner = brackets.filter((b) => Math.abs(b.left - lastOfInner.right) < 2 && overlaps({ ...b, left: b.left - 2 }, lastOfInner));
  expect(beforeInner, 'an opening bracket just before "p"').toHaveLength(1);
  expect(afterInner, 'a closing bracket just after "t"').toHaveLength(1);

  // Focus the outer quote with the keyboard (j from nothing focused: the first in the text).
  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  expect((await text.locator('.annotation-focused').allTextContents()).join('')).toBe(APOLOGY);
  const ring = await focusRingBoxes(page);
  expect(ring.length).toBeGreaterThan(0);
  // No part of the ring is over any letter of the inner span, nor over the outer's own first letter or the quote mark before it.
  for (let i = 0; i < 'proudest'.length; i++) {
    const letter = await characterBox(page, 'proudest', i);
    expect(ring.filter((part) => overlaps(part, letter)), `the ring over "${'proudest'[i]}"`).toEqual([]);
  }
  for (const [phrase, index] of [['“Yesterday', 0], ['“Yesterday', 1], ['day,” he', 3], ['day,” he', 4]] as const) {
    const letter = await characterBox(page, phrase, index);
    expect(ring.filter((part) => overlaps(part, letter)), `the ring over "${phrase[index]}"`).toEqual([]);
  }
  // Nor does it box each piece of the span: its only upright strokes are at the span's two ends.
  const firstOfOuter = await characterBox(page, APOLOGY, 0);
  const lastOfOuter = await characterBox(page, APOLOGY, APOLOGY.length - 1);
  const inside = ring.filter((part) => part.bottom - part.top > part.right - part.left && part.right > firstOfOuter.left + 0.5 && part.left < lastOfOuter.right - 0.5);
  expect(inside, 'upright strokes of the ring inside the span').toEqual([]);
  // Clicking the inner span where both are offers both, and choosing the inner moves the ring there.
  await text.locator(`.annotation[data-annotation-id="${innerId}"]`).click();
  await page.getByRole('dialog', { name: 'Choose an annotation' }).getByRole('button').first().click();
  await expect(text.locator('.annotation-focused')).toHaveText('proudest');
  await expect(text.locator('.annotation-edge-focused')).toHaveCount(2);

  // Shift+arrows step over the brackets as if they were not there: one press, one character.
  expect(await selectWithFind(page, 'wasn’t')).toBe('wasn’t');
  await page.keyboard.press('ArrowLeft');
  const across = 'wasn’t my proudest day,” he';
  for (let i = 0; i < across.length; i++) await page.keyboard.press('Shift+ArrowRight');
  expect(await page.evaluate(() => window.getSelection()!.toString())).toBe(across);
});


/** The badge after the annotation whose text is `phrase`, in `scope`. */
async function badgeOf(page: Page, scope: Locator, phrase: string): Promise<Locator> {
  const id = await scope.locator('.annotation[data-annotation-id]', { hasText: phrase }).first().getAttribute('data-annotation-id');
  return scope.locator(`.link-badge[data-linked-annotation="${id}"]`);
}

test('a linked span carries a badge with its links\' count and types; hovering names the other end; delete, undo and reverse show at once', async ({ page, workbench }) => {
  await openArticle(page, HAMILTON);
  await labelWithMouse(page, CLAIM, '1');
  await labelWithMouse(page, APOLOGY, '2');
  const text = page.locator('.reader .article-text');
  await expect(text.locator('.link-badge')).toHaveCount(0);
  // Link with the keyboard: the claim (j from nothing focused), l, the quote (j), 3 = supports.
  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  await expect(text.locator('.annotation-focused')).toHaveText(CLAIM);
  await page.keyboard.press('l');
  await page.keyboard.press('j');
  await expect(text.locator('.annotation-focused')).toHaveText(APOLOGY);
  await page.keyboard.press('3');
  await expectAllSaved(page);

  const claimBadge = await badgeOf(page, text, CLAIM);
  const quoteBadge = await badgeOf(page, text, APOLOGY);
  for (const badge of [claimBadge, quoteBadge]) {
    await expect(badge).toBeVisible();
    await expect(badge).toHaveAttribute('data-count', '1');
    await expect(badge.locator('.link-badge-type.link-type-supports')).toHaveCount(1);
    // Drawn by the stylesheet, not text: the article's text is unchanged.
    expect(await badge.evaluate((b) => b.textContent)).toBe('');
    expect(await badge.evaluate((b) => getComputedStyle(b, '::after').content)).toBe('"1"');
  }
  // Right after the claim's last letter, on its line (a line break never parts them).
  const lastLetter = await characterBox(page, CLAIM, CLAIM.length - 1);
  const claimBadgeBox = (await claimBadge.boundingBox())!;
  expect(claimBadgeBox.x).toBeGreaterThanOrEqual(lastLetter.right - 0.5);
  expect(claimBadgeBox.x).toBeLessThan(lastLetter.right + 12);
  expect(claimBadgeBox.y + claimBadgeBox.height / 2).toBeGreaterThan(lastLetter.top);
  expect(claimBadgeBox.y + claimBadgeBox.height / 2).toBeLessThan(lastLetter.bottom);
  expect(await page.evaluate(() => document.querySelector('.reader .article-text')!.textContent!.includes('encouragement for George'))).toBe(true);

  // Hovering the span, or its badge, names the other end in words that say the direction.
  const tooltip = page.getByRole('tooltip');
  await text.locator('.annotation', { hasText: CLAIM }).first().hover();
  await expect(tooltip).toContainText(`supports “${APOLOGY}” in this article`);
  await page.mouse.move(5, 5);
  await expect(tooltip).toBeHidden();
  await quoteBadge.hover();
  await expect(tooltip).toContainText(`“${CLAIM}” in this article supports this`);

  // A selection across the badge gives exactly the text's characters, and its offsets stay exact.
  const across = 'encouragement for George';
  expect(await selectWithMouse(page, across)).toBe(across);
  await page.keyboard.press('Alt+3');
  await expectAllSaved(page);
  const fact = (await workbench.storedAnnotations()).find((a) => a.labelId === 'fact')!;
  expect(fact.fragments[0]!.exact).toBe(across);
  const articleText = await page.evaluate(() => document.querySelector('.reader .article-text')!.textContent!);
  expect(articleText.slice(articleText.indexOf(across), articleText.indexOf(across) + across.length)).toBe(across);
  await page.keyboard.press('Control+z');
  await expectAllSaved(page);

  // Reversed in the links panel: the readings turn round at once.
  await text.locator('.annotation', { hasText: 'Yesterday' }).first().click();
  const links = page.getByRole('region', { name: 'Links' });
  await links.getByRole('button', { name: 'Reverse' }).click();
  await expectAllSaved(page);
  await quoteBadge.hover();
  await expect(tooltip).toContainText(`supports “${CLAIM}” in this article`);
  await page.mouse.move(5, 5);

  // Deleted: both badges go at once; Ctrl+Z brings them back.
  await links.getByRole('button', { name: /^Delete supports link/ }).click();
  await expectAllSaved(page);
  await expect(text.locator('.link-badge')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expectAllSaved(page);
  await expect(text.locator('.link-badge')).toHaveCount(2);
  await expect(claimBadge).toHaveAttribute('data-count', '1');
});

const CRASH = 'George Russell and Valtteri Bottas had a horrific crash';
const ITALIAN = 'seeing red after the Italian GP';

/**
 * Where each connector drawn between the panes starts and ends on the page, with the boxes of the
 * two texts and of the connectors' drawing.
 */
async function connectorEnds(page: Page) {
  return page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('svg.link-connectors');
    if (!svg) return null;
    const box = svg.getBoundingClientRect();
    const rect = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    return {
      svg: rect(svg),
      leftText: rect(document.querySelector('.reader .article-text')!),
      rightText: rect(document.querySelector('.compare-pane .article-text')!),
      connectors: [...svg.querySelectorAll<SVGGElement>('g[data-link-id]')].map((g) => {
        const path = g.querySelector('path')!;
        const from = path.getPointAtLength(0);
        const to = path.getPointAtLength(path.getTotalLength());
        return { linkId: g.dataset.linkId!, types: g.getAttribute('class'), x1: box.left + from.x, y1: box.top + from.y, x2: box.left + to.x, y2: box.top + to.y };
      }),
    };
  });
}

/** The first line of the span `phrase` painted in `scope` (a pane). */
async function spanLine(scope: Locator, phrase: string): Promise<Box> {
  return scope.locator('.annotation[data-annotation-id]', { hasText: phrase }).first().evaluate((e) => {
    const r = e.getClientRects()[0]!;
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  });
}

/** Whether anything but the article text itself is at points over `phrase` in `scope`. */
async function coveredPoints(scope: Locator, phrase: string): Promise<string[]> {
  return scope.locator('.annotation[data-annotation-id]', { hasText: phrase }).first().evaluate((span) => {
    const covered: string[] = [];
    const text = span.closest('.article-text')!;
    for (const r of span.getClientRects()) {
      for (const fraction of [0.02, 0.5, 0.98]) {
        const hit = document.elementFromPoint(r.left + r.width * fraction, r.top + r.height / 2);
        if (!hit || !text.contains(hit)) covered.push(`${hit?.tagName ?? 'nothing'}.${hit?.getAttribute('class') ?? ''}`);
      }
    }
    return covered;
  });
}

test('side by side, a link between the two articles is badged in both and drawn across the gutter, following the scrolling', async ({ page, workbench }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // A contradiction made with the keyboard: 30th lap (l), the other article, lap 32, 4.
  await openArticle(page, CRASH);
  await labelWithMouse(page, '30th lap', '3');
  await page.keyboard.press('l');
  await openArticle(page, ITALIAN);
  await labelWithMouse(page, 'lap 32', '3');
  await page.keyboard.press('4');
  await expectAllSaved(page);
  const reader = page.locator('.reader');
  const lap32Badge = await badgeOf(page, reader, 'lap 32');
  await expect(lap32Badge).toHaveAttribute('data-count', '1');
  await expect(lap32Badge.locator('.link-type-contradicts')).toHaveCount(1);
  await lap32Badge.hover();
  await expect(page.getByRole('tooltip')).toContainText(`Contradicts: “30th lap” in ${CRASH}`);
  await page.mouse.move(5, 5);

  // The other article, compared beside this one: its span has the badge too.
  await page.getByRole('button', { name: 'Side by side' }).click();
  const pane = page.getByRole('region', { name: 'Compared article' });
  await pane.getByLabel('Compare with').selectOption({ label: (await pane.getByRole('option', { name: /horrific crash/ }).textContent())! });
  await expect(pane.getByRole('heading', { level: 2, name: /horrific crash/ })).toBeVisible();
  const lap30Badge = await badgeOf(page, pane, '30th lap');
  await expect(lap30Badge).toHaveAttribute('data-count', '1');
  await lap30Badge.hover();
  await expect(page.getByRole('tooltip')).toContainText('Contradicts: “lap 32” in George Russell was seeing red after the Italian GP');
  await page.mouse.move(5, 5);

  for (const size of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    // Both spans in view, then the connector is drawn from one to the other, in the gutter only.
    await reader.locator('.annotation', { hasText: 'lap 32' }).first().evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await pane.locator('.annotation', { hasText: '30th lap' }).first().evaluate((e) => e.scrollIntoView({ block: 'center' }));
    const lined = async () => {
      const drawn = await connectorEnds(page);
      if (!drawn || drawn.connectors.length !== 1) return `connectors: ${drawn?.connectors.length ?? 'none'}`;
      const left = await spanLine(reader, 'lap 32');
      const right = await spanLine(pane, '30th lap');
      const [c] = drawn.connectors;
      const problems: string[] = [];
      if (!(c!.y1 > left.top && c!.y1 < left.bottom)) problems.push(`starts at ${c!.y1}, the left span's line is ${left.top}–${left.bottom}`);
      if (!(c!.y2 > right.top && c!.y2 < right.bottom)) problems.push(`ends at ${c!.y2}, the right span's line is ${right.top}–${right.bottom}`);
      if (drawn.svg.left < drawn.leftText.right - 0.5 || drawn.svg.right > drawn.rightText.left + 0.5) problems.push('the drawing reaches over a text');
      if (!c!.types?.includes('link-type-contradicts')) problems.push(`drawn as ${c!.types}`);
      return problems.join('; ') || 'lined up';
    };
    await expect.poll(lined, { message: `at ${size.width}×${size.height}` }).toBe('lined up');
    expect(await coveredPoints(reader, 'lap 32')).toEqual([]);
    expect(await coveredPoints(pane, '30th lap')).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`side-by-side-${size.width}x${size.height}.png`) });

    // Scrolling either pane moves its end with it.
    const before = (await connectorEnds(page))!.connectors[0]!;
    /** Scrolls a pane by `by` pixels (or as far as it goes); returns how far it went. */
    const scroll = (scroller: Locator, by: number) =>
      scroller.evaluate((e, by) => {
        const top = e.scrollTop;
        e.scrollBy(0, by);
        return e.scrollTop - top;
      }, by);
    // The compared pane's article scrolls (its header and links stay in sight above it).
    const paneMoved = await scroll(pane.locator('.compare-article'), 60);
    expect(Math.abs(paneMoved)).toBeGreaterThan(20);
    await expect.poll(async () => Math.round((await connectorEnds(page))!.connectors[0]!.y2)).toBe(Math.round(before.y2 - paneMoved));
    await expect.poll(lined).toBe('lined up');
    const readerMoved = (await scroll(reader, 40)) || (await scroll(reader, -40));
    expect(Math.abs(readerMoved)).toBeGreaterThan(20);
    await expect.poll(async () => Math.round((await connectorEnds(page))!.connectors[0]!.y1)).toBe(Math.round(before.y1 - readerMoved));
    await expect.poll(lined).toBe('lined up');
  }

  // Deleted in the panel: the badges and the connector go; Ctrl+Z brings them back.
  await reader.locator('.annotation', { hasText: 'lap 32' }).first().click();
  await page.getByRole('region', { name: 'Links' }).getByRole('button', { name: /^Delete contradicts link/ }).click();
  await expectAllSaved(page);
  await expect(page.locator('.link-badge')).toHaveCount(0);
  await expect(page.locator('svg.link-connectors g[data-link-id]')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expectAllSaved(page);
  await expect(page.locator('.link-badge')).toHaveCount(2);
  await expect(page.locator('svg.link-connectors g[data-link-id]')).toHaveCount(1);
  expect(await workbench.storedAnnotations()).toHaveLength(2);
});
