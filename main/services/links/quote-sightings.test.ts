import { describe, expect, it } from 'vitest';
import type { QuoteSighting } from '../../../shared/model/link-views.js';
import { importPlainText } from '../../../shared/import/plain-text.js';
import { editDistance } from '../../../shared/text/edit-distance.js';
import { foldForMatching } from '../../../shared/text/fold-for-matching.js';
import { useSeededWorkbench } from '../seed-annotations.test-support.js';
import { locatePieces } from './quote-sightings.js';

const current = useSeededWorkbench('corroborate-sightings-');

/** Annotates `pieces` (each found after the previous one) in the sample article whose file name starts with `seed`. */
async function annotatePieces(seed: string, pieces: readonly string[]) {
  const { service } = current();
  for (const doc of await service.listDocuments()) {
    const opened = await service.openDocument({ documentId: doc.id });
    if (!opened.meta.sourceFile?.startsWith(seed)) continue;
    let from = 0;
    const ranges = pieces.map((piece) => {
      const start = opened.text.indexOf(piece, from);
      if (start < 0) throw new Error(`${piece} is not in ${seed}`);
      from = start + piece.length;
      return { start, end: from };
    });
    const [created] = await service.createAnnotations({ documentId: doc.id, items: [{ labelId: 'quote', ranges }] });
    return created!;
  }
  throw new Error(`no sample article ${seed}`);
}

describe('finding a discontinuous quote in other articles', () => {
  const PIECES = ['I knew it would be one of our best opportunities', 'sometimes you take risks', 'I have to take responsibility for that'];

  it('finds the other outlets carrying all three pieces, one range per piece, each slicing its piece', async () => {
    const { service } = current();
    const quote = await annotatePieces('002', PIECES);
    const sightings = await service.findQuoteElsewhere({ documentId: quote.documentId, annotationId: quote.id });
    const strong = sightings.filter((s) => s.strength === 'strong');
    expect(strong).toHaveLength(2);
    for (const sighting of strong) {
      const { text } = await service.openDocument({ documentId: sighting.documentId });
      expect(sighting.ranges.map((r) => text.slice(r.start, r.end))).toEqual(PIECES);
      expect(sighting.text).toBe(PIECES.join(' … '));
      expect(sighting.errors).toBe(0);
      expect([sighting.start, sighting.end]).toEqual([sighting.ranges[0]!.start, sighting.ranges[2]!.end]);
    }
  });

  it('annotating a sighting takes every piece, so the new annotation is discontinuous like the quote', async () => {
    const { service } = current();
    const quote = await annotatePieces('002', PIECES);
    const [sighting] = await service.findQuoteElsewhere({ documentId: quote.documentId, annotationId: quote.id });
    const [made] = await service.createAnnotations({ documentId: sighting!.documentId, items: [{ labelId: 'quote', ranges: sighting!.ranges }] });
    expect(made!.fragments.map((f) => f.exact)).toEqual(PIECES);
    const again = await service.findQuoteElsewhere({ documentId: quote.documentId, annotationId: quote.id });
    expect(again.find((s) => s.documentId === sighting!.documentId)?.annotationId).toBe(made!.id);
  });

  it('does not offer an article that carries only some of the pieces', () => {
    const text = foldForMatching('I knew it would be one of our best opportunities. Nothing else here.');
    const anchor = { start: 0, end: 48, errors: 0 };
    expect(locatePieces(text, PIECES, 0, anchor, 0.2)).toBeNull();
  });
});

describe('weaker matches', () => {
  it('lists a reworded sentence after the strong matches, marked weak, and never a short quote loosely', async () => {
    const { service } = current();
    const said = importPlainText('a.txt', 'Pit lane\n\nThe stewards said the driver had crossed the white line at the pit exit twice during the race.\n');
    const reworded = importPlainText('b.txt', 'Stewards\n\nStewards said that the driver crossed the white line at the exit of the pits twice in the race.\n');
    const a = await service.addArticle(said);
    const b = await service.addArticle(reworded);
    const aId = 'added' in a ? a.added.id : a.alreadyPresent.id;
    const bId = 'added' in b ? b.added.id : b.alreadyPresent.id;
    const sentence = 'The stewards said the driver had crossed the white line at the pit exit twice during the race.';
    const start = said.text.indexOf(sentence);
    const [annotation] = await service.createAnnotations({ documentId: aId, items: [{ labelId: 'fact', ranges: [{ start, end: start + sentence.length }] }] });
    const sightings = await service.findQuoteElsewhere({ documentId: aId, annotationId: annotation!.id });
    const found = sightings.find((s) => s.documentId === bId);
    expect(found?.strength).toBe('weak');
    expect(found!.errors).toBeGreaterThan(Math.floor(sentence.length * 0.2));
    expect(sightings.findIndex((s) => s.strength === 'weak')).toBeGreaterThanOrEqual(sightings.filter((s) => s.strength === 'strong').length);

    const short = await service.createAnnotations({ documentId: aId, items: [{ labelId: 'fact', ranges: [{ start, end: start + 12 }] }] });
    const loose = await service.findQuoteElsewhere({ documentId: aId, annotationId: short[0]!.id });
    expect(loose.filter((s) => s.strength === 'weak')).toEqual([]);
  });
});

/** Annotates the text from the first `from` to the end of the next `to` in the sample article `seed`; returns it with its text. */
async function annotateBetween(seed: string, from: string, to: string) {
  const { service } = current();
  for (const doc of await service.listDocuments()) {
    const opened = await service.openDocument({ documentId: doc.id });
    if (!opened.meta.sourceFile?.startsWith(seed)) continue;
    const start = opened.text.indexOf(from);
    const end = opened.text.indexOf(to, start) + to.length;
    if (start < 0 || end < to.length) throw new Error(`${from} … ${to} is not in ${seed}`);
    const [created] = await service.createAnnotations({ documentId: doc.id, items: [{ labelId: 'quote', ranges: [{ start, end }] }] });
    return { annotation: created!, quote: opened.text.slice(start, end) };
  }
  throw new Error(`no sample article ${seed}`);
}

/** The sample article a sighting is in, and the text it names. */
async function sightingText(sighting: QuoteSighting) {
  const { text } = await current().service.openDocument({ documentId: sighting.documentId });
  return { text, found: text.slice(sighting.start, sighting.end) };
}

/** A letter or digit. */
const WORD = /[\p{L}\p{N}]/u;

describe('a candidate is bounded to the quote', () => {
  it('the whole apology (with a paragraph one outlet lacks) ends where that outlet’s apology ends, not in the next paragraph', async () => {
    const { service } = current();
    const { annotation, quote } = await annotateBetween('003', '"Yesterday wasn\'t my proudest day,"', 'help me to grow."');
    const sightings = await service.findQuoteElsewhere({ documentId: annotation.documentId, annotationId: annotation.id });
    const planetF1 = sightings.find((s) => s.documentTitle.startsWith('Hamilton offers words'))!;
    expect(planetF1).toBeDefined();
    const { found } = await sightingText(planetF1);
    expect(found.startsWith('“Yesterday wasn’t my proudest day,”')).toBe(true);
    expect(found.endsWith('a better person for the experience.')).toBe(true);
    expect(found).not.toContain('Hamilton was quick');
    // The figure shown is the difference of exactly this text from the quote.
    expect(planetF1.errors).toBe(editDistance(foldForMatching(quote), foldForMatching(found)));
  });

  it('a quote whose last paragraph another outlet lacks stops at that outlet’s last shared sentence', async () => {
    const { service } = current();
    const { annotation, quote } = await annotateBetween('004', '"I apologise to Valtteri', 'what I\'m really about.');
    const sightings = await service.findQuoteElsewhere({ documentId: annotation.documentId, annotationId: annotation.id });
    const planetF1 = sightings.find((s) => s.documentTitle.startsWith('Hamilton offers words'))!;
    const { found } = await sightingText(planetF1);
    expect(found.startsWith('“I apologise to Valtteri')).toBe(true);
    expect(found.endsWith('for the experience.')).toBe(true);
    expect(planetF1.errors).toBe(editDistance(foldForMatching(quote), foldForMatching(found)));
    const exact = sightings.find((s) => s.documentTitle.startsWith('George Russell was seeing red'))!;
    expect((await sightingText(exact)).found).toBe(quote);
    expect(exact.errors).toBe(0);
  });

  it('a quote opening with a sentence the others lack starts at the apology, not inside the word before it', async () => {
    const { service } = current();
    const { annotation, quote } = await annotateBetween('003', 'Both drivers were fuming', 'sometimes you take risks.');
    const sightings = await service.findQuoteElsewhere({ documentId: annotation.documentId, annotationId: annotation.id });
    expect(sightings.length).toBeGreaterThanOrEqual(2);
    for (const sighting of sightings) {
      const { found } = await sightingText(sighting);
      expect(found).toMatch(/^["“]Yesterday wasn['’]t my proudest day/);
      expect(found.endsWith('sometimes you take risks.')).toBe(true);
      expect(sighting.errors).toBe(editDistance(foldForMatching(quote), foldForMatching(found)));
    }
  });

  it('every candidate for runs of two to four sentences starts and ends on word boundaries, within the quote plus its drift', async () => {
    const { service } = current();
    for (const seed of ['002', '003', '004']) {
      const opened = await Promise.all((await service.listDocuments()).map((d) => service.openDocument({ documentId: d.id })));
      const { meta: doc, text } = opened.find((o) => o.meta.sourceFile?.startsWith(seed))!;
      const sentences = [...text.matchAll(/[^.!?\n]+[.!?]["”]?/g)].map((m) => {
        const start = m.index + m[0].length - m[0].trimStart().length;
        return { start, end: m.index + m[0].length };
      });
      for (let i = 0; i + 2 <= sentences.length; i += 2) {
        const n = 2 + (i % 3);
        const start = sentences[i]!.start;
        const end = sentences[Math.min(i + n, sentences.length) - 1]!.end;
        if (end - start < 80) continue;
        const quote = text.slice(start, end);
        const [annotation] = await service.createAnnotations({ documentId: doc.id, items: [{ labelId: 'quote', ranges: [{ start, end }] }] });
        for (const sighting of await service.findQuoteElsewhere({ documentId: doc.id, annotationId: annotation!.id })) {
          const { text: other, found } = await sightingText(sighting);
          const where = `${seed} “${quote.slice(0, 40)}…” in ${sighting.documentTitle.slice(0, 30)}: “${found}”`;
          expect(WORD.test(other[sighting.start - 1] ?? ' ') && WORD.test(other[sighting.start]!), `starts inside a word: ${where}`).toBe(false);
          expect(WORD.test(other[sighting.end - 1]!) && WORD.test(other[sighting.end] ?? ' '), `ends inside a word: ${where}`).toBe(false);
          expect(found, `white space at an end: ${where}`).toBe(found.trim());
          expect(found.length, `longer than the quote and its drift: ${where}`).toBeLessThanOrEqual(quote.length + Math.floor(quote.length * 0.35));
          expect(sighting.errors, where).toBe(editDistance(foldForMatching(quote), foldForMatching(found)));
        }
      }
    }
  });
});
