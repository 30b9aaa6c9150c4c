import { describe, expect, it } from 'vitest';
import { importJsonCorpus, importJsonLinesCorpus } from './json-corpus.js';

describe('importJsonCorpus', () => {
  it('reads an array of records with their metadata and the line each starts on', () => {
    const corpus = JSON.stringify(
      [
        { id: 7, title: 'First', text: 'One\r\nline', source: 'AP', date: '2021-04-20T09:00:00Z', url: 'https://a.example/1' },
        { text: ' date 2021-04-18 Second article about 2021.', outlet: 'Reuters', author: 'R. Writer', extra: { ignored: true } },
      ],
      null,
      2,
    );
    const outcome = importJsonCorpus('corpus.json', corpus);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.articles).toMatchObject([
      {
        format: 'json',
        title: 'First',
        text: 'One\nline',
        outlet: 'AP',
        date: '2021-04-20',
        url: 'https://a.example/1',
        sourceId: '7',
        sourceFile: 'corpus.json',
        sourceLine: 2,
        normalisation: { lineEndings: 'crlf', bomRemoved: false },
      },
      { title: 'Second article about 2021.', outlet: 'Reuters', author: 'R. Writer', date: '2021-04-18', dateWarning: null, sourceId: null, sourceLine: 10 },
    ]);
  });

  it('reads a single record object as a corpus of one, and records a byte-order mark', () => {
    const outcome = importJsonCorpus('one.json', '\ufeff{"text": "Only"}');
    expect(outcome).toMatchObject({ ok: true, articles: [{ text: 'Only', title: 'Only', normalisation: { bomRemoved: true } }] });
  });

  it('reports malformed JSON with line and column, whatever the engine says', () => {
    const outcome = importJsonCorpus('bad.json', '[\n  {"text": "a"},\n  {"text": "b",}\n]');
    expect(outcome).toEqual({
      ok: false,
      error: {
        kind: 'malformed-json',
        file: 'bad.json',
        line: 3,
        column: 16,
        message: 'bad.json is not valid JSON: line 3, column 16: unexpected "}" (expected a property name in double quotes).',
      },
    });
  });

  it.each([
    ['[{"title": "x"}]', 1, 2, /record 1 has no "text" field/],
    ['[\n{"text": "a"},\n  {"text": 5}]', 3, 3, /record 2 has a "text" that is a number; it must be a string/],
    ['[{"text": "a", "title": ["x"]}]', 1, 2, /"title" that is an array/],
    ['[{"text": "a", "date": 20210420}]', 1, 2, /"date" that is a number/],
    ['[{"text": "a", "id": {}}]', 1, 2, /"id" that is an object; it must be a string or a number/],
    ['[{"text": "   "}]', 1, 2, /has an empty "text"/],
    ['["just a string"]', 1, 2, /is a string, not an article object/],
    ['[{"text": "a", "id": 1},\n {"text": "b", "id": "1"}]', 2, 2, /reuses the id "1" of the record on line 1/],
  ])('refuses the whole corpus for a bad record: %s', (json, line, column, message) => {
    const outcome = importJsonCorpus('c.json', json);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'invalid-record', file: 'c.json', line, column } });
    if (!outcome.ok) {
      expect(outcome.error.message).toMatch(message);
      expect(outcome.error.message).toContain(`c.json, line ${line}, column ${column}`);
      expect(outcome.error.message).toContain('Nothing was imported');
    }
  });

  it('refuses scalars and empty arrays', () => {
    expect(importJsonCorpus('n.json', '42')).toMatchObject({ ok: false, error: { kind: 'invalid-record' } });
    expect(importJsonCorpus('e.json', '[]')).toMatchObject({ ok: false, error: { kind: 'empty', message: 'e.json contains no articles.' } });
  });
});

describe('importJsonLinesCorpus', () => {
  it('reads one record per line, skipping blank lines and CRLF', () => {
    const outcome = importJsonLinesCorpus('c.jsonl', '{"text": "a"}\r\n\r\n   \n{"text": "b", "title": "B"}\n');
    expect(outcome).toMatchObject({ ok: true, articles: [{ text: 'a', sourceLine: 1, format: 'jsonl' }, { title: 'B', sourceLine: 4 }] });
  });

  it('reports the line and column of a line that does not parse', () => {
    const outcome = importJsonLinesCorpus('c.jsonl', '{"text": "a"}\n\n{"text": "b"\n');
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'malformed-jsonl', file: 'c.jsonl', line: 3, column: 13 } });
    if (!outcome.ok) expect(outcome.error.message).toBe('c.jsonl, line 3, column 13: not valid JSON: the text ends early (expected "," or "}").');
  });

  it('reports a record without text by its line, importing nothing', () => {
    const outcome = importJsonLinesCorpus('c.jsonl', '{"text": "a"}\n{"title": "no text"}\n{"text": "c"}');
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'invalid-record', line: 2 } });
    if (!outcome.ok) expect(outcome.error.message).toMatch(/^c\.jsonl, line 2, column 1: record 2 has no "text" field/);
  });

  it('refuses a file of blank lines', () => {
    expect(importJsonLinesCorpus('c.jsonl', '\n \n')).toMatchObject({ ok: false, error: { kind: 'empty' } });
  });
});
