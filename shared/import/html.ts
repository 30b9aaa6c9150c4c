import { parse, parseFragment } from 'parse5';
import { normaliseText } from '../text/normalise-text.js';
import { buildImportedArticle } from './build-imported-article.js';
import { htmlArticleMetadata } from './html-metadata.js';
import { htmlText } from './html-text.js';
import { findHtmlElements, type HtmlNode } from './html-tree.js';
import type { ImportedArticle } from './imported-article.js';

/**
 * Reads an HTML article (docs/GUARANTEES.md S7): parses it inertly with parse5 — a plain object tree, no
 * live DOM, nothing executed or fetched — and keeps text and paragraph structure only. The text
 * comes from the page's `<article>` (the longest, if several), else `<main>`, else `<body>`;
 * metadata from the page head (see htmlArticleMetadata). Returns null when the page has no text.
 */
export function importHtml(fileName: string | null, raw: string): ImportedArticle | null {
  const source = normaliseText(raw);
  const document = parse(source.text, { scriptingEnabled: true });
  const { root, isArticle } = articleRootOf(document);
  const extracted = normaliseText(htmlText(root, { dropPageChrome: isArticle }));
  if (extracted.text.trim() === '') return null;
  const metadata = htmlArticleMetadata(document, root);
  return buildImportedArticle({
    format: 'html',
    text: extracted.text,
    normalisation: { ...source.normalisation, nfcApplied: source.normalisation.nfcApplied || extracted.normalisation.nfcApplied },
    sourceFile: fileName,
    ...metadata,
  });
}

/** The readable text of a piece of HTML (a Markdown file's raw HTML block), parsed inertly. */
export function htmlFragmentText(html: string): string {
  return htmlText(parseFragment(html), { dropPageChrome: false });
}

function articleRootOf(document: HtmlNode): { root: HtmlNode; isArticle: boolean } {
  const articles = findHtmlElements(document, (e) => e.tagName === 'article', false);
  if (articles.length === 1) return { root: articles[0]!, isArticle: true };
  if (articles.length > 1) {
    let best = articles[0]!;
    let bestLength = -1;
    for (const article of articles) {
      const length = htmlText(article, { dropPageChrome: true }).length;
      if (length > bestLength) {
        best = article;
        bestLength = length;
      }
    }
    return { root: best, isArticle: true };
  }
  const main = findHtmlElements(document, (e) => e.tagName === 'main' || e.attrs.some((a) => a.name === 'role' && a.value === 'main'))[0];
  if (main) return { root: main, isArticle: true };
  const body = findHtmlElements(document, (e) => e.tagName === 'body')[0];
  return { root: body ?? document, isArticle: false };
}
