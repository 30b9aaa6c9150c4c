import { decodeHTML } from 'entities';
import { Lexer, type Token, type Tokens } from 'marked';
import { normaliseText } from '../text/normalise-text.js';
import { buildImportedArticle } from './build-imported-article.js';
import { splitFrontMatter } from './front-matter.js';
import { htmlFragmentText } from './html.js';
import type { ImportedArticle } from './imported-article.js';
import { MAX_MARKDOWN_NESTING, markdownNestingDepth } from './markdown-nesting.js';

/** Why a Markdown file was not read: nested too deeply to parse in reasonable time and stack. */
export interface MarkdownTooComplex {
  tooComplex: true;
  /** The 1-based line where the nesting is deepest, where known. */
  line: number | null;
}

/**
 * Reads a Markdown article (CommonMark and GFM, tokenised with marked): the stored text is what a
 * reader sees — headings, paragraphs, list items, quotes, table rows and code blocks each a
 * paragraph separated by a blank line, without `#`, `*`, link targets or images; entities are
 * decoded; raw HTML is parsed inertly for its text. The title comes from front matter, else the
 * first heading, else the first line. Returns null when the file has no text, and MarkdownTooComplex
 * when quotes, lists or emphasis nest deeper than any article does.
 */
export function importMarkdown(fileName: string | null, raw: string): ImportedArticle | MarkdownTooComplex | null {
  const source = normaliseText(raw);
  const { frontMatter, body } = splitFrontMatter(source.text);
  const nesting = markdownNestingDepth(body);
  if (nesting.depth > MAX_MARKDOWN_NESTING) return { tooComplex: true, line: nesting.line + lineCount(source.text) - lineCount(body) };
  let readable: { text: string; firstHeading: string | null };
  try {
    readable = markdownText(body);
  } catch (error) {
    // marked recurses per level of inline nesting (`***…`): past the stack, refuse the file.
    if (error instanceof RangeError) return { tooComplex: true, line: null };
    throw error;
  }
  const extracted = normaliseText(readable.text);
  if (extracted.text.trim() === '') return null;
  return buildImportedArticle({
    format: 'markdown',
    text: extracted.text,
    normalisation: { ...source.normalisation, nfcApplied: source.normalisation.nfcApplied || extracted.normalisation.nfcApplied },
    sourceFile: fileName,
    title: frontMatter.title ?? readable.firstHeading,
    date: frontMatter.date ?? null,
    outlet: frontMatter.outlet ?? null,
    url: frontMatter.url ?? null,
    author: frontMatter.author ?? null,
  });
}

/** One step of the walk over marked's tokens: a token, or the end of a paragraph, or a cell gap. */
type Step = { token: Token } | { endOf: 'paragraph' | 'heading' } | { gap: true };

/** Token types that give no text: link definitions, images, rules, blank space, task boxes. */
const NO_TEXT = new Set(['def', 'image', 'hr', 'space', 'checkbox']);

/**
 * The readable text of a Markdown document, and the text of its first heading. Walks the tokens
 * with an explicit stack; only marked's own tokeniser recurses.
 */
export function markdownText(markdown: string): { text: string; firstHeading: string | null } {
  const tokens = new Lexer({ gfm: true }).lex(markdown);
  const paragraphs: string[] = [];
  let firstHeading: string | null = null;
  let current = '';
  const endParagraph = (verbatim = false): string => {
    const spaced = verbatim ? current : current.replace(/[ \t]{2,}/g, ' ');
    const paragraph = spaced.replace(/[ \t]+\n/g, '\n').replace(/^\s+|\s+$/g, '');
    current = '';
    if (paragraph !== '') paragraphs.push(paragraph);
    return paragraph;
  };
  const stack: Step[] = tokens.map((token) => ({ token })).reverse();
  const pushChildren = (children: readonly Token[]): void => {
    for (let i = children.length - 1; i >= 0; i--) stack.push({ token: children[i]! });
  };
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('endOf' in step) {
      const paragraph = endParagraph();
      if (step.endOf === 'heading' && firstHeading === null && paragraph !== '') firstHeading = paragraph;
      continue;
    }
    if ('gap' in step) {
      current += ' ';
      continue;
    }
    const token = step.token;
    if (NO_TEXT.has(token.type)) continue;
    switch (token.type) {
      case 'heading':
      case 'paragraph':
      case 'blockquote':
      case 'list_item': {
        endParagraph();
        stack.push({ endOf: token.type === 'heading' ? 'heading' : 'paragraph' });
        pushChildren((token as Tokens.Heading).tokens ?? []);
        break;
      }
      case 'list':
        pushChildren((token as Tokens.List).items);
        break;
      case 'table': {
        const table = token as Tokens.Table;
        endParagraph();
        const steps: Step[] = [];
        for (const row of [table.header, ...table.rows]) {
          row.forEach((cell, i) => {
            if (i > 0) steps.push({ gap: true });
            for (const cellToken of cell.tokens) steps.push({ token: cellToken });
          });
          steps.push({ endOf: 'paragraph' });
        }
        for (let i = steps.length - 1; i >= 0; i--) stack.push(steps[i]!);
        break;
      }
      case 'code':
        endParagraph();
        current = (token as Tokens.Code).text;
        endParagraph(true);
        break;
      case 'html': {
        const html = token as Tokens.HTML;
        // Inline tags (`<em>`) are dropped and their content kept; a block of HTML gives its text.
        if (html.block) {
          endParagraph();
          current = htmlFragmentText(html.text);
          endParagraph();
        }
        break;
      }
      case 'text': {
        const text = token as Tokens.Text;
        if (text.tokens && text.tokens.length > 0) pushChildren(text.tokens);
        else current += decodeHTML(text.text).replace(/[ \t]*\n[ \t]*/g, ' ');
        break;
      }
      case 'codespan':
      case 'escape':
        current += (token as Tokens.Codespan).text;
        break;
      case 'br':
        current += '\n';
        break;
      default:
        // strong, em, del, link and any other token with children: their text, not their markup.
        if ('tokens' in token && Array.isArray(token.tokens)) pushChildren(token.tokens);
    }
  }
  endParagraph();
  return { text: paragraphs.join('\n\n'), firstHeading };
}

function lineCount(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
