import { describe, expect, it } from 'vitest';
import { exportConllCoreference } from './conll-coref-export.js';
import { tokenise } from './conll-tokeniser.js';
import { collectExportedFiles } from './exported-file.js';
import { buildFixtureSnapshot } from './test-fixtures.js';

interface ReadMention {
  cluster: number;
  doc: string;
  sentence: number;
  start: number;
  end: number;
  words: string;
}

/** Reads a CoNLL file the way coval's reader does: last column, blank lines between sentences, whitespace-split rows. */
function readLikeCoval(text: string): { mentions: ReadMention[]; rows: string[][] } {
  const mentions: ReadMention[] = [];
  const rows: string[][] = [];
  const open = new Map<number, Array<{ index: number; sentence: number }>>();
  let sentence = 0;
  let newSentence = true;
  let sentenceRows: string[][] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#begin document') || line.startsWith('#end document')) continue;
    if (!line.trim()) {
      if (!newSentence) sentence++;
      newSentence = true;
      sentenceRows = [];
      continue;
    }
    newSentence = false;
    const cols = line.split(/\s+/);
    rows.push(cols);
    sentenceRows.push(cols);
    const index = sentenceRows.length - 1;
    for (const part of cols[cols.length - 1]!.split('|')) {
      const single = /^\((\d+)\)$/.exec(part);
      const opening = /^\((\d+)$/.exec(part);
      const closing = /^(\d+)\)$/.exec(part);
      const take = (start: number, startSentence: number, id: number) => {
        expect(startSentence).toBe(sentence);
        mentions.push({ cluster: id, doc: cols[2]!, sentence, start, end: index, words: sentenceRows.slice(start, index + 1).map((r) => r[5]).join(' ') });
      };
      if (single) take(index, sentence, Number(single[1]));
      else if (opening) open.set(Number(opening[1]), [...(open.get(Number(opening[1])) ?? []), { index, sentence }]);
      else if (closing) {
        const id = Number(closing[1]);
        const stack = open.get(id)!;
        const start = stack.pop()!;
        take(start.index, start.sentence, id);
      } else expect(part).toBe('-');
    }
  }
  return { mentions, rows };
}

describe('tokenise', () => {
  it('keeps words with combining marks, emoji sequences and flags whole, and splits punctuation', () => {
    const text = 'Ẹ́mi said "café 3.5 km" 👨‍👩‍👧🇺🇦😢👍🏽 مَرْحَبًا 10\u00a0km!';
    expect(tokenise(text).map((t) => t.text)).toEqual(['Ẹ́mi', 'said', '"', 'café', '3', '.', '5', 'km', '"', '👨‍👩‍👧', '🇺🇦', '😢', '👍🏽', 'مَرْحَبًا', '10', 'km', '!']);
    for (const t of tokenise(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('ends sentences at line breaks and at . ! ? (with closing quotes) before white space', () => {
    const text = 'He said "We will rebuild." Police came. U.S.A 3.5 up!\nNew line? Yes';
    const sentences = new Map<number, string[]>();
    for (const t of tokenise(text)) sentences.set(t.sentence, [...(sentences.get(t.sentence) ?? []), t.text]);
    expect([...sentences.values()].map((s) => s.join(' '))).toEqual([
      'He said " We will rebuild . "',
      'Police came .',
      'U . S . A 3 . 5 up !',
      'New line ?',
      'Yes',
    ]);
  });

  it('never puts white space (JavaScript or Python) inside a token', () => {
    const tokens = tokenise('a\u00a0b\u2028c\u0085d\u001ce\u3000f\ufeffg\u200dh');
    for (const t of tokens) expect(t.text).not.toMatch(/[\s\x1c-\x1f\x85]/);
    expect(tokens.map((t) => t.text)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g\u200dh']);
  });
});

describe('CoNLL coreference export', () => {
  const files = collectExportedFiles(exportConllCoreference(buildFixtureSnapshot()));
  const conll = files.get('coreference.conll')!;

  it('writes one topic document of 8-column rows', () => {
    expect(conll.startsWith('#begin document 1\n')).toBe(true);
    expect(conll.endsWith('\n#end document\n')).toBe(true);
    for (const cols of readLikeCoval(conll).rows) {
      expect(cols).toHaveLength(8);
      expect(cols.slice(0, 2)).toEqual(['1', '1']);
      expect(cols[6]).toBe('True');
    }
  });

  it('writes the same/paraphrase clusters across documents, as coval reads them', () => {
    const { mentions } = readLikeCoval(conll);
    const clusters = new Map<number, string[]>();
    for (const m of mentions) clusters.set(m.cluster, [...(clusters.get(m.cluster) ?? []), `${m.doc.slice(-8)}: ${m.words}`]);
    expect([...clusters]).toEqual([
      [1, ['a0000000: We will rebuild .', 'b0000000: We will rebuild .']],
      [2, ['a0000000: confirmed 3 deaths 😢', 'b0000000: the toll rose to 3', 'c0000000: three people died']],
    ]);
  });

  it('maps every mention back to its annotation and token span', () => {
    const rows = files.get('mentions.tsv')!.trimEnd().split('\n');
    expect(rows[0]).toBe('cluster_id\tdoc_id\tannotation_id\tsent_id\tfirst_tok_id\tlast_tok_id\ttokens');
    expect(rows.slice(1).map((r) => r.split('\t').slice(0, 3).join(' '))).toEqual([
      '1 flood-in-riverton-mayor-vows-a0000000 a1000000-0000-4000-8000-000000000002',
      '2 flood-in-riverton-mayor-vows-a0000000 a1000000-0000-4000-8000-000000000003',
      '2 riverton-officials-revise-toll-b0000000 b1000000-0000-4000-8000-000000000001',
      '1 riverton-officials-revise-toll-b0000000 b1000000-0000-4000-8000-000000000002',
      '2 police-statement-c0000000 c1000000-0000-4000-8000-000000000001',
    ]);
  });

  it('merges sentences a mention crosses and writes singletons when asked', () => {
    const snapshot = buildFixtureSnapshot();
    const all = collectExportedFiles(exportConllCoreference(snapshot, { includeSingletons: true, topic: 'riverton flood' })).get('coreference.conll')!;
    expect(all.startsWith('#begin document riverton_flood\n')).toBe(true);
    const { mentions } = readLikeCoval(all);
    expect(mentions).toHaveLength(16);
    expect(mentions.map((m) => m.words)).toContain('the water rose fast');
    expect(mentions.map((m) => m.words)).toContain('Families 👨‍👩‍👧 waited 10 km away');
  });
});
