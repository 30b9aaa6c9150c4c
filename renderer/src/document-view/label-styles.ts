import type { Label } from '../../../shared/model/label-schema.js';

const sheet = typeof CSSStyleSheet === 'undefined' ? null : new CSSStyleSheet();

/**
 * Gives every label its colour: highlight background and underline in the article, and the chip in
 * the side panel. Uses a constructed stylesheet, which the strict CSP allows (no inline styles).
 */
export function applyLabelStyles(labels: readonly Label[]): void {
  if (!sheet) return;
  const rules = labels.map((label) => {
    const { r, g, b } = rgb(label.colour);
    return [
      `.annotation.label-${label.id} { background-color: rgba(${r}, ${g}, ${b}, 0.28); box-shadow: inset 0 -2px 0 rgb(${r}, ${g}, ${b}); }`,
      `.label-chip.label-${label.id} { background-color: rgb(${r}, ${g}, ${b}); }`,
      `.label-swatch.label-${label.id} { border-color: rgb(${r}, ${g}, ${b}); }`,
    ].join('\n');
  });
  sheet.replaceSync(rules.join('\n'));
  if (!document.adoptedStyleSheets.includes(sheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

function rgb(hex: string): { r: number; g: number; b: number } {
  const value = Number.parseInt(hex.slice(1), 16);
  return { r: (value >> 16) & 255, g: (value >> 8) & 255, b: value & 255 };
}
