import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseText } from '../text/normalise-text.js';
import { utf16Bytes, utf8Bytes } from './encoded-text.test-support.js';
import { importArticleFile, type ImportOutcome } from './import-article-file.js';
import type { ImportedArticle } from './imported-article.js';

const SEEDS = new URL('../../fixtures/seeds/', import.meta.url);
const FIXTURES = new URL('../../fixtures/import/', import.meta.url);
const LIMIT = { maxBytes: 1024 * 1024 };
const utf8 = utf8Bytes;
const utf16 = utf16Bytes;

function importText(name: string, text: string): ImportOutcome {
  return importArticleFile({ name, bytes: utf8(text) }, LIMIT);
}

function only(outcome: ImportOutcome): ImportedArticle {
  if (!outcome.ok) throw new Error(`expected an article, got ${outcome.error.message}`);
  expect(outcome.articles).toHaveLength(1);
  return outcome.articles[0]!;
}

describe('importArticleFile: the seed articles', () => {
  const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();

  it('finds the five seeds', () => {
    expect(seeds).toHaveLength(5);
  });

  it.each(seeds)('imports %s byte for byte as plain text', (name) => {
    const bytes = readFileSync(new URL(name, SEEDS));
    const article = only(importArticleFile({ name, bytes }, LIMIT));
    const raw = bytes.toString('utf8');
    expect(article.text).toBe(raw);
    expect(article.format).toBe('plain-text');
    expect(article.sourceFile).toBe(name);
    expect(article.normalisation).toEqual({ bomRemoved: false, lineEndings: 'lf', nfcApplied: false });
    expect(article.title).not.toMatch(/^\s|\bdate \d{4}/);
    expect(article.title.length).toBeGreaterThan(0);
  });

  it('keeps curly quotes and no-break spaces as they are', () => {
    const article = only(importArticleFile({ name: '002.txt', bytes: readFileSync(new URL('002_845750cc6f0da4c0.txt', SEEDS)) }, LIMIT));
    expect(article.text).toContain('\u00a0');
    expect(article.text).toMatch(/[“”’]/);
    expect(article.title).toBe('Hamilton offers words of support for Russell');
  });

  it('reads the ` date YYYY-MM-DD ` prefix, keeps it in the text, and warns about the 2024-01-01 placeholder', () => {
    const first = only(importArticleFile({ name: '000.txt', bytes: readFileSync(new URL('000_68d59631ab4d7e7c.txt', SEEDS)) }, LIMIT));
    expect(first.date).toBe('2024-01-01');
    expect(first.text.startsWith(' date 2024-01-01 George Russell')).toBe(true);
    expect(first.title.startsWith('George Russell and Valtteri Bottas')).toBe(true);
    expect(first.dateWarning).toBe('given as 2024-01-01, but January 1st is often a placeholder');
  });

  it('reads seed 003’s date and trusts it, though its text names no year after 2015', () => {
    const seed = only(importArticleFile({ name: '003.txt', bytes: readFileSync(new URL('003_7f31c30cbe53bdc9.txt', SEEDS)) }, LIMIT));
    expect(seed.date).toBe('2021-04-20');
    expect(seed.dateWarning).toBeNull();
  });

  it('gives seeds without a date no date and no warning', () => {
    const seed = only(importArticleFile({ name: '004.txt', bytes: readFileSync(new URL('004_9d5bf0b2f6cbe642.txt', SEEDS)) }, LIMIT));
    expect(seed.date).toBeNull();
    expect(seed.dateWarning).toBeNull();
  });
});

describe('importArticleFile: encodings and normalisation', () => {
  const body = 'Caf\u0065\u0301 “owner” said:\r\nWe\u00a0rebuild 👍🏽.\r\n';

  it('imports CRLF text as LF and records it, with NFC applied', () => {
    const article = only(importText('crlf.txt', body));
    expect(article.text).toBe('Café “owner” said:\nWe\u00a0rebuild 👍🏽.\n');
    expect(article.normalisation).toEqual({ bomRemoved: false, lineEndings: 'crlf', nfcApplied: true });
  });

  it('removes and records a UTF-8 byte-order mark', () => {
    const article = only(importArticleFile({ name: 'bom.txt', bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Title\nBody')]) }, LIMIT));
    expect(article.text).toBe('Title\nBody');
    expect(article.title).toBe('Title');
    expect(article.normalisation.bomRemoved).toBe(true);
  });

  it.each([true, false])('imports UTF-16 with a byte-order mark (little-endian: %s)', (le) => {
    const article = only(importArticleFile({ name: 'wide.txt', bytes: utf16(body, le) }, LIMIT));
    expect(article.text).toBe('Café “owner” said:\nWe\u00a0rebuild 👍🏽.\n');
    expect(article.normalisation).toEqual({ bomRemoved: true, lineEndings: 'crlf', nfcApplied: true });
  });

  it('imports UTF-16 HTML and Markdown too', () => {
    expect(only(importArticleFile({ name: 'w.html', bytes: utf16('<p>Hi &amp; bye</p>', true) }, LIMIT)).text).toBe('Hi & bye');
    expect(only(importArticleFile({ name: 'w.md', bytes: utf16('# Hi\r\n\r\n*there*', false) }, LIMIT)).text).toBe('Hi\n\nthere');
  });
});

describe('importArticleFile: bad input', () => {
  it('checks the size first, before looking at the bytes', () => {
    const outcome = importArticleFile({ name: 'big.bin', bytes: new Uint8Array(2049) }, { maxBytes: 2048 });
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'too-large', file: 'big.bin' } });
    if (!outcome.ok) expect(outcome.error.message).toBe('big.bin is 2 KB, more than the 2 KB an article file may be.');
    const huge = importArticleFile({ name: 'huge.txt', bytes: new Uint8Array(3 * 1024 * 1024) }, { maxBytes: 1024 * 1024 });
    if (!huge.ok) expect(huge.error.message).toBe('huge.txt is 3 MB, more than the 1 MB an article file may be.');
    expect(importArticleFile({ name: 'fits.txt', bytes: utf8('x'.repeat(2048)) }, { maxBytes: 2048 }).ok).toBe(true);
  });

  it.each([
    ['empty', new Uint8Array(), 'empty'],
    ['whitespace only', utf8('  \n\t \r\n'), 'empty'],
    ['NUL bytes', new Uint8Array([0x48, 0x69, 0x00, 0x00, 0x21]), 'binary'],
    ['invalid UTF-8', new Uint8Array([0x48, 0x69, 0x20, 0xe9, 0x74, 0xe9]), 'invalid-utf8'],
  ] as const)('refuses %s with a message naming the file', (_what, bytes, kind) => {
    for (const name of ['a.txt', 'a.md', 'a.html', 'a.json', 'a.jsonl', 'a.unknown', 'noextension']) {
      const outcome = importArticleFile({ name, bytes }, LIMIT);
      expect(outcome).toMatchObject({ ok: false, error: { kind, file: name } });
      if (!outcome.ok) expect(outcome.error.message).toContain(name);
    }
  });

  it('refuses file types it does not read by their extension, saying what to do', () => {
    const outcome = importText('report.docx', 'looks like text');
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'unsupported-type', file: 'report.docx' } });
    if (!outcome.ok) expect(outcome.error.message).toMatch(/Word documents \(\.docx\) cannot be imported.*\.txt/);
  });

  it('refuses HTML and Markdown that hold no text once markup is set aside', () => {
    expect(importText('blank.html', '<html><head><title>T</title></head><body><script>x()</script><img src=a></body></html>')).toMatchObject({
      ok: false,
      error: { kind: 'empty', file: 'blank.html' },
    });
    expect(importText('blank.md', '![only an image](x.png)\n\n---\n')).toMatchObject({ ok: false, error: { kind: 'empty' } });
  });
});

describe('importArticleFile: unknown extensions', () => {
  it('imports text with an unknown extension as plain text', () => {
    const article = only(importText('notes.log', 'A headline\nbody'));
    expect(article).toMatchObject({ format: 'plain-text', title: 'A headline', text: 'A headline\nbody' });
    expect(only(importText('README', 'Readme title')).format).toBe('plain-text');
  });

  it('recognises a web page by its start', () => {
    const article = only(importText('saved-page.php', '<!DOCTYPE html><html><body><p>Words</p></body></html>'));
    expect(article).toMatchObject({ format: 'html', text: 'Words' });
  });

  it('refuses binary content with an unknown extension', () => {
    const outcome = importArticleFile({ name: 'blob.dat', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]) }, LIMIT);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'binary' } });
    if (!outcome.ok) expect(outcome.error.message).toMatch(/blob\.dat looks like a ZIP archive/);
  });
});

describe('importArticleFile: fixtures', () => {
  it('imports an HTML article with its metadata', () => {
    const bytes = readFileSync(new URL('article-with-metadata.html', FIXTURES));
    const article = only(importArticleFile({ name: 'article-with-metadata.html', bytes }, LIMIT));
    expect(article).toMatchObject({
      format: 'html',
      title: 'Russell apologises to Bottas after Imola crash',
      outlet: 'The Paddock',
      author: 'Jane Reporter',
      date: '2021-04-20',
      dateWarning: null,
      url: 'https://paddock.example/2021/04/russell-apologises',
    });
    expect(article.text).toBe(
      [
        'Russell apologises to Bottas',
        'By Jane Reporter, 20 April',
        'George Russell has issued an apology to Valtteri Bottas following their high-speed clash at Imola on Sunday.',
        '“When you can review everything and look at it in slow motion, it all looks very different,” said the Briton.',
        'What happened',
        'Lap 32, Tamburello.',
        'Both cars out\u00a0of the race.',
        'Café owners in Imola & Bologna watched.\nNobody was hurt.',
      ].join('\n\n'),
    );
  });

  it('imports a Markdown article with front matter', () => {
    const bytes = readFileSync(new URL('article-with-front-matter.md', FIXTURES));
    const article = only(importArticleFile({ name: 'article-with-front-matter.md', bytes }, LIMIT));
    expect(article).toMatchObject({
      format: 'markdown',
      title: 'Hamilton offers words of support for Russell',
      outlet: 'Planet Racing',
      author: 'Michelle Foster',
      date: '2021-04-21',
      url: 'https://planet.example/hamilton-support',
    });
    expect(article.text).toBe(
      [
        'Hamilton backs Russell',
        'Not for the first time, Lewis Hamilton has offered words of encouragement for George Russell following the Williams driver’s apology.',
        'The crash',
        'Russell took out himself and the Mercedes of Valtteri Bottas.',
        'Both drivers were out.',
        '“It’s a learning experience,” Hamilton said.',
        'Final words with inline code and a hard\nline break.',
      ].join('\n\n'),
    );
  });
});

describe('importArticleFile: any bytes (docs/GUARANTEES.md I4)', () => {
  const names = ['a.txt', 'a.md', 'a.markdown', 'a.html', 'a.htm', 'a.json', 'a.jsonl', 'a.ndjson', 'a.bin', 'a'];

  function checkOutcome(name: string, outcome: ImportOutcome): void {
    if (outcome.ok) {
      expect(outcome.articles.length).toBeGreaterThan(0);
      for (const article of outcome.articles) {
        expect(article.text.trim()).not.toBe('');
        expect(normaliseText(article.text).text).toBe(article.text);
        expect(article.title.length).toBeGreaterThan(0);
      }
    } else {
      expect(outcome.error.file).toBe(name);
      expect(outcome.error.message).toContain(name);
      expect(outcome.error.kind).not.toBe('unreadable');
    }
  }

  it('returns an outcome for random bytes, never throwing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.uint8Array({ maxLength: 2048 }), (name, bytes) => {
        checkOutcome(name, importArticleFile({ name, bytes }, LIMIT));
      }),
      { numRuns: 1500 },
    );
  });

  it('returns an outcome for random text, markup and JSON-like input', () => {
    const pieces = fc.constantFrom(
      '<p>', '</p>', '<article>', '<script>', '<!--', '-->', '<br>', '&amp;', '&#x1F44D;', '&#xD800;', '<pre>', '<svg>', '<template>',
      '# ', '*', '**', '[', '](', ')', '`', '```', '> ', '- ', '---\n', 'title: x\n', '<div>',
      '{', '}', '[', ']', '"text"', '"title"', ':', ',', '"', '\\', '\\u00', 'null', '1e5', '\n', '\r\n', ' ', '\u00a0', '\ufeff', '👍🏽', 'é', 'e\u0301',
    );
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.array(pieces, { maxLength: 80 }).map((p) => p.join('')));
    fc.assert(
      fc.property(fc.constantFrom(...names), text, (name, input) => {
        checkOutcome(name, importText(name, input));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 3000) },
    );
  });

  it('survives deeply nested markup and JSON', () => {
    const depth = 50_000;
    checkOutcome('deep.html', importText('deep.html', '<div>'.repeat(depth) + 'deep text' + '</div>'.repeat(depth)));
    checkOutcome('deep.md', importText('deep.md', '>'.repeat(depth) + ' deep'));
    checkOutcome('deep.json', importText('deep.json', '['.repeat(depth) + ']'.repeat(depth)));
    checkOutcome('deep-broken.json', importText('deep-broken.json', '['.repeat(depth)));
  });
});
