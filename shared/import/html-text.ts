import { attributeOf, childrenOf, isHtmlElement, rawTextOf, type HtmlElement, type HtmlNode } from './html-tree.js';

/** Elements whose content is never article text: code, embedded documents, media, form controls. */
const NEVER_TEXT = new Set([
  'head', 'title', 'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object',
  'embed', 'applet', 'svg', 'math', 'canvas', 'video', 'audio', 'picture', 'map', 'select', 'option',
  'button', 'input', 'textarea', 'datalist', 'dialog', 'slot',
]);

/** Page furniture dropped inside an `<article>` or `<main>` (the byline `<header>` is kept). */
const PAGE_CHROME = new Set(['nav', 'aside', 'footer', 'form', 'menu']);

/** Elements that start and end a paragraph of the text. */
const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'nav', 'aside', 'address', 'blockquote',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hgroup', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'figure', 'figcaption',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'hr', 'details', 'summary', 'fieldset', 'legend',
  'form', 'menu', 'center', 'body', 'html',
]);

/** HTML's own whitespace (not NBSP, which is text). */
const HTML_SPACE = /[ \t\n\f\r]+/g;

/** How `htmlText` reads a subtree. */
export interface HtmlTextOptions {
  /** Drop nav, aside, footer and forms: set when `root` is the article itself. */
  dropPageChrome: boolean;
}

/**
 * The readable text of an inertly parsed HTML subtree: one paragraph per block element (p, h1–h6,
 * li, blockquote, div, …) separated by a blank line, `<br>` as a line break, `<pre>` verbatim,
 * whitespace collapsed as a browser would, entities already decoded by the parser. Scripts,
 * styles, embedded documents (iframe srcdoc), SVG, templates, media and hidden elements give no
 * text; attributes are never read into it, so no markup or URL can reach the stored text.
 */
export function htmlText(root: HtmlNode, options: HtmlTextOptions): string {
  const out = new ParagraphCollector();
  type Step = { node: HtmlNode; leaving: boolean };
  const stack: Step[] = childrenOf(root)
    .map((node) => ({ node, leaving: false }))
    .reverse();
  while (stack.length > 0) {
    const { node, leaving } = stack.pop()!;
    if (!isHtmlElement(node)) {
      if (node.nodeName === '#text' && 'value' in node) out.addText(node.value);
      continue;
    }
    const tag = node.tagName;
    if (leaving) {
      if (BLOCKS.has(tag)) out.endParagraph();
      else if (tag === 'td' || tag === 'th') out.addSpace();
      continue;
    }
    if (isSkipped(node, options)) continue;
    if (tag === 'br') {
      out.addLineBreak();
      continue;
    }
    if (tag === 'pre' || tag === 'listing' || tag === 'plaintext' || tag === 'xmp') {
      out.addPreformatted(preformattedText(node));
      continue;
    }
    if (BLOCKS.has(tag)) out.endParagraph();
    stack.push({ node, leaving: true });
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, leaving: false });
  }
  out.endParagraph();
  return out.paragraphs.join('\n\n');
}

function isSkipped(element: HtmlElement, options: HtmlTextOptions): boolean {
  if (NEVER_TEXT.has(element.tagName)) return true;
  if (options.dropPageChrome && PAGE_CHROME.has(element.tagName)) return true;
  if (attributeOf(element, 'hidden') !== null) return true;
  return element.namespaceURI !== 'http://www.w3.org/1999/xhtml';
}

/** A `<pre>`'s text as written, `<br>` as newlines, scripts and the like still left out. */
function preformattedText(pre: HtmlElement): string {
  let text = '';
  const stack: HtmlNode[] = [...childrenOf(pre)].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isHtmlElement(node)) {
      if (node.tagName === 'br') text += '\n';
      else if (!isSkipped(node, { dropPageChrome: false })) stack.push(...[...childrenOf(node)].reverse());
    } else if (node.nodeName === '#text') {
      text += rawTextOf(node);
    }
  }
  return text.replace(/^\n+|[ \t\n\f\r]+$/g, '');
}

/** Gathers inline text into paragraphs, collapsing HTML whitespace the way a browser renders it. */
class ParagraphCollector {
  readonly paragraphs: string[] = [];
  private current = '';
  private spacePending = false;

  addText(raw: string): void {
    const text = raw.replace(HTML_SPACE, ' ');
    if (text === '') return;
    if (text.startsWith(' ')) this.spacePending = true;
    const words = text.replace(/^ | $/g, '');
    if (words === '') return;
    if (this.spacePending && this.current !== '' && !this.current.endsWith('\n')) this.current += ' ';
    this.current += words;
    this.spacePending = text.endsWith(' ');
  }

  addSpace(): void {
    this.spacePending = true;
  }

  addLineBreak(): void {
    this.current += '\n';
    this.spacePending = false;
  }

  addPreformatted(text: string): void {
    this.endParagraph();
    if (text.trim() !== '') this.paragraphs.push(text);
  }

  endParagraph(): void {
    const paragraph = this.current.replace(/^\n+|\n+$/g, '').replace(/\n{3,}/g, '\n\n');
    if (paragraph !== '') this.paragraphs.push(paragraph);
    this.current = '';
    this.spacePending = false;
  }
}
