import { describe, expect, it } from 'vitest';
import { importPlainText } from '../../../shared/import/plain-text.js';
import { foldForMatching } from '../../../shared/search/quote-index.js';
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
