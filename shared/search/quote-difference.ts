import { editDistance } from '../text/edit-distance.js';
import { foldForMatching } from '../text/fold-for-matching.js';

/**
 * How many characters a found text differs from a quote, as "Find in other articles" counts them:
 * the edit distance of each piece from the text found for it (case, quote marks and no-break spaces
 * folded), summed over the pieces of a discontinuous quote.
 */
export function quoteDifference(quotePieces: readonly string[], foundPieces: readonly string[]): number {
  let total = 0;
  for (let i = 0; i < Math.max(quotePieces.length, foundPieces.length); i++) {
    total += editDistance(foldForMatching(quotePieces[i] ?? ''), foldForMatching(foundPieces[i] ?? ''));
  }
  return total;
}
