/**
 * Precision, recall and F1 of a response (one annotator) against a reference (another), from the
 * counts of what both made, what only the response made and what only the reference made.
 */
/** Counts of a match scored against a reference, and the rates made of them. */
export interface F1Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** TP / (TP + FP); null when the response has nothing (nothing to be precise about). */
  precision: number | null;
  /** TP / (TP + FN); null when the reference has nothing (nothing to recall). */
  recall: number | null;
  /** 2TP / (2TP + FP + FN), the harmonic mean of the two; null only when both sides are empty, 0 when only one is. */
  f1: number | null;
}

/** Precision, recall and F1 from true positives, false positives and false negatives (see `F1Score` for the empty cases). */
export function f1Score(truePositives: number, falsePositives: number, falseNegatives: number): F1Score {
  const [tp, fp, fn] = [truePositives, falsePositives, falseNegatives];
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp > 0 ? tp / (tp + fp) : null,
    recall: tp + fn > 0 ? tp / (tp + fn) : null,
    f1: 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : null,
  };
}
