import { fileKindOf, sniffTextFormat } from './article-format.js';
import { decodeArticleBytes } from './decode-article-bytes.js';
import { importHtml } from './html.js';
import { describeByteCount, importError, type ImportError } from './import-error.js';
import type { ArticleFormat, ImportedArticle } from './imported-article.js';
import { importJsonCorpus, importJsonLinesCorpus } from './json-corpus.js';
import { importMarkdown } from './markdown.js';
import { importPlainText } from './plain-text.js';

/** A file to import: its name (for the format and for messages) and its whole content. */
export interface ArticleFile {
  name: string;
  bytes: Uint8Array;
}

/** Limits the caller sets for one import. */
export interface ImportOptions {
  /** Files with more bytes than this are refused before anything is decoded. */
  maxBytes: number;
}

/** The articles a file holds (one, or a corpus's many), or why it cannot be imported. */
export type ImportOutcome = { ok: true; articles: ImportedArticle[] } | { ok: false; error: ImportError };

/** The import layer's entry point: bytes in, articles or a typed error out (docs/GUARANTEES.md I1–I4). */
export function importArticleFile(file: ArticleFile, options: ImportOptions): ImportOutcome {
  try {
    return importCheckedFile(file, options);
  } catch (error) {
    // Every reader returns its errors as values; this is the last guard that I4 holds regardless.
    const reason = error instanceof Error ? error.message : String(error);
    return fail(importError('unreadable', file.name, `${file.name} could not be read because of an error in the importer (${reason}).`));
  }
}

function importCheckedFile(file: ArticleFile, options: ImportOptions): ImportOutcome {
  const { name, bytes } = file;
  if (bytes.length > options.maxBytes) {
    return fail(
      importError(
        'too-large',
        name,
        `${name} is ${describeByteCount(bytes.length)}, more than the ${describeByteCount(options.maxBytes)} an article file may be.`,
      ),
    );
  }
  const kind = fileKindOf(name);
  if (kind.kind === 'unsupported') {
    return fail(
      importError(
        'unsupported-type',
        name,
        `${name}: ${kind.what} (.${kind.extension}) cannot be imported. Save the article as text (.txt), Markdown (.md) or a web page (.html) and import that.`,
      ),
    );
  }
  const decoded = decodeArticleBytes(name, bytes);
  if (!decoded.ok) return decoded;
  const format: ArticleFormat = kind.kind === 'format' ? kind.format : sniffTextFormat(decoded.text);
  switch (format) {
    case 'plain-text':
      return { ok: true, articles: [importPlainText(name, decoded.text)] };
    case 'markdown': {
      const article = importMarkdown(name, decoded.text);
      if (article !== null && 'tooComplex' in article) {
        const where = article.line === null ? '' : ` (line ${article.line})`;
        return fail(
          importError(
            'too-complex',
            name,
            `${name} nests quotes, lists or emphasis more deeply${where} than Markdown articles do, so it was not read. Rename it to .txt to import it as plain text.`,
            article.line === null ? {} : { line: article.line },
          ),
        );
      }
      return single(name, article);
    }
    case 'html':
      return single(name, importHtml(name, decoded.text));
    case 'json':
      return importJsonCorpus(name, decoded.text);
    case 'jsonl':
      return importJsonLinesCorpus(name, decoded.text);
  }
}

function single(name: string, article: ImportedArticle | null): ImportOutcome {
  if (article === null) return fail(importError('empty', name, `${name} has no article text once its markup is set aside.`));
  return { ok: true, articles: [article] };
}

function fail(error: ImportError): ImportOutcome {
  return { ok: false, error };
}
