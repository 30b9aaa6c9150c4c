import type { Label } from '../../../shared/model/label-schema.js';

const sheet = typeof CSSStyleSheet === 'undefined' ? null : new CSSStyleSheet();

/**
 * Gives every label its colour: highlight background and underline in the article, the brackets at
 * its spans' ends, and the chip in the side panel. Uses a constructed stylesheet, which the strict
 * CSP allows (no inline styles).
 */
export function applyLabelStyles(labels: readonly Label[]): void {
  if (!sheet) return;
  const rules = labels.map((label) => {
    const { r, g, b } = rgb(label.colour);
    return [
      `.annotation.label-${label.id} { background-color: rgba(${r}, ${g}, ${b}, 0.28); box-shadow: inset 0 -2px 0 rgb(${r}, ${g}, ${b}); }`,
      `.annotation-edge.label-${label.id}:not(.annotation-edge-focused) { border-color: rgb(${r}, ${g}, ${b}); }`,
      `.label-chip.label-${label.id} { background-color: rgb(${r}, ${g}, ${b}); color: ${readableTextOn(r, g, b)}; text-shadow: none; }`,
      `.label-swatch.label-${label.id} { border-color: rgb(${r}, ${g}, ${b}); }`,
    ].join('\n');
  });
  sheet.replaceSync(rules.join('\n'));
  if (!document.adoptedStyleSheets.includes(sheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

/** Black or white, whichever reads better on the given colour (WCAG contrast). */
function readableTextOn(r: number, g: number, b: number): string {
  const channel = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const withWhite = 1.05 / (luminance + 0.05);
  const withBlack = (luminance + 0.05) / 0.05;
  return withWhite >= withBlack ? '#ffffff' : '#000000';
}

function rgb(hex: string): { r: number; g: number; b: number } {
  const value = Number.parseInt(hex.slice(1), 16);
  return { r: (value >> 16) & 255, g: (value >> 8) & 255, b: value & 255 };
}
