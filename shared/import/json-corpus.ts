import { articleFromCorpusRecord, describeJsonType, type CorpusRecordPlace } from './corpus-record.js';
import { importError, type ImportError } from './import-error.js';
import type { ImportedArticle } from './imported-article.js';
import { locateJsonSyntaxError } from './json-syntax-error.js';
import { lineAndColumnAt } from './text-position.js';

/** Every article of a corpus, or the first reason the corpus cannot be imported. */
export type CorpusOutcome = { ok: true; articles: ImportedArticle[] } | { ok: false; error: ImportError };

/**
 * Reads a `.json` corpus: an array of article records (a single record object is read as a corpus
 * of one). All or nothing (docs/GUARANTEES.md I3): a syntax error, a record that is not an article or an
 * `id` used twice fails the whole file, with the line and column where it is.
 */
export function importJsonCorpus(file: string, decoded: string): CorpusOutcome {
  const bomRemoved = decoded.charCodeAt(0) === 0xfeff;
  const text = bomRemoved ? decoded.slice(1) : decoded;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const { line, column, problem } = syntaxErrorOf(text, error);
    return {
      ok: false,
      error: importError('malformed-json', file, `${file} is not valid JSON: line ${line}, column ${column}: ${problem}.`, { line, column }),
    };
  }
  if (typeof data !== 'object' || data === null) {
    return {
      ok: false,
      error: importError('invalid-record', file, `${file} holds ${describeJsonType(data)}; a corpus is an array of articles [{"text": "…"}, …].`, { line: 1, column: 1 }),
    };
  }
  const records = Array.isArray(data) ? data : [data];
  const starts = Array.isArray(data) ? topLevelElementOffsets(text) : [text.search(/\S/)];
  const places = records.map((_, i): CorpusRecordPlace => ({ file, format: 'json', index: i + 1, ...lineAndColumnAt(text, starts[i] ?? 0), bomRemoved }));
  return readRecords(file, records, places);
}

/**
 * Reads a `.jsonl` / `.ndjson` corpus: one article record per line, blank lines allowed. All or
 * nothing: the first line that does not parse, or does not hold an article, fails the whole file.
 */
export function importJsonLinesCorpus(file: string, decoded: string): CorpusOutcome {
  const bomRemoved = decoded.charCodeAt(0) === 0xfeff;
  const lines = (bomRemoved ? decoded.slice(1) : decoded).split('\n');
  const records: unknown[] = [];
  const places: CorpusRecordPlace[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line));
    } catch (error) {
      const { column, problem } = syntaxErrorOf(line, error);
      return {
        ok: false,
        error: importError('malformed-jsonl', file, `${file}, line ${i + 1}, column ${column}: not valid JSON: ${problem}.`, { line: i + 1, column }),
      };
    }
    places.push({ file, format: 'jsonl', index: records.length, line: i + 1, column: line.search(/\S/) + 1, bomRemoved });
  }
  return readRecords(file, records, places);
}

function readRecords(file: string, records: unknown[], places: CorpusRecordPlace[]): CorpusOutcome {
  if (records.length === 0) {
    return { ok: false, error: importError('empty', file, `${file} contains no articles.`) };
  }
  const articles: ImportedArticle[] = [];
  const lineOfId = new Map<string, number>();
  for (let i = 0; i < records.length; i++) {
    const place = places[i]!;
    const where = `${file}, line ${place.line}${place.column === undefined ? '' : `, column ${place.column}`}`;
    const position = { line: place.line, ...(place.column === undefined ? {} : { column: place.column }) };
    const article = articleFromCorpusRecord(records[i], place);
    if ('problem' in article) {
      return { ok: false, error: importError('invalid-record', file, `${where}: record ${place.index} ${article.problem}. Nothing was imported.`, position) };
    }
    if (article.sourceId !== null) {
      const earlier = lineOfId.get(article.sourceId);
      if (earlier !== undefined) {
        return {
          ok: false,
          error: importError('invalid-record', file, `${where}: record ${place.index} reuses the id ${JSON.stringify(article.sourceId)} of the record on line ${earlier}. Nothing was imported.`, position),
        };
      }
      lineOfId.set(article.sourceId, place.line);
    }
    articles.push(article);
  }
  return { ok: true, articles };
}

/** The line, column and description of a JSON syntax error, located independently of the engine. */
function syntaxErrorOf(text: string, error: unknown): { line: number; column: number; problem: string } {
  const located = locateJsonSyntaxError(text);
  if (located) return { ...lineAndColumnAt(text, located.offset), problem: located.problem };
  // The engine refused something our checker accepts (a limit of the engine): use its own words.
  const engineMessage = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(engineMessage);
  return { ...lineAndColumnAt(text, position ? Number(position[1]) : 0), problem: engineMessage };
}

/** Offsets of the elements of a valid JSON text's top-level array, in order. */
function topLevelElementOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let inString = false;
  let expecting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (depth === 1 && expecting && c !== 0x5d) {
      offsets.push(i);
      expecting = false;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth === 1) expecting = true;
    } else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x2c && depth === 1) expecting = true;
  }
  return offsets;
}
