/**
 * Deterministic, seeded corpora for the benchmarks: the same seed gives the same texts and spans on
 * every machine, so runs are comparable. Words come from a fixed pseudo-vocabulary (with the odd
 * emoji and curly quote, so offsets are exercised), paragraphs of 40–160 words.
 */

/** A small, fast, seeded random number generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ra', 'tel', 'mon', 'di', 'sa', 'ver', 'lo', 'ka', 'pri', 'ne', 'sto', 'bal', 'gu', 'ri', 'fen', 'cho', 'an', 'el', 'or', 'is', 'un', 'mar', 'tos', 'ley'];
const EXTRAS = ['Russell', 'Bottas', 'Imola', '“quoted”', 'wasn’t', '👍🏽', 'lap', '30', 'P8', 'café', 'Mercedes', 'Williams'];

/** A vocabulary of `size` pseudo-words, the same for the same seed. */
export function vocabulary(size: number, seed = 7): string[] {
  const random = seededRandom(seed);
  const words = new Set<string>();
  while (words.size < size) {
    const parts = 1 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < parts; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words, ...EXTRAS];
}

/** An article of about `length` UTF-16 units: paragraphs separated by blank lines. */
export function generateArticle(length: number, seed: number, words: readonly string[] = vocabulary(5000)): string {
  const random = seededRandom(seed);
  const paragraphs: string[] = [];
  let total = 0;
  while (total < length) {
    const count = 40 + Math.floor(random() * 120);
    const parts: string[] = [];
    for (let i = 0; i < count; i++) {
      let word = words[Math.floor(random() * words.length)]!;
      if (i === 0) word = word[0]!.toUpperCase() + word.slice(1);
      parts.push(word);
      if (random() < 0.08) parts[parts.length - 1] += random() < 0.5 ? ',' : '.';
    }
    const paragraph = `${parts.join(' ')}.`;
    paragraphs.push(paragraph);
    total += paragraph.length + 2;
  }
  return paragraphs.join('\n\n').slice(0, length);
}

/** A span of an article: UTF-16 offsets that never split a surrogate pair. */
export interface GeneratedSpan {
  start: number;
  end: number;
}

/** `count` random, overlapping spans of 5–200 units over `text`. */
export function generateSpans(text: string, count: number, seed: number): GeneratedSpan[] {
  const random = seededRandom(seed);
  const spans: GeneratedSpan[] = [];
  while (spans.length < count) {
    let start = Math.floor(random() * (text.length - 210));
    let end = start + 5 + Math.floor(random() * 196);
    if (isLowSurrogate(text.charCodeAt(start))) start++;
    if (isLowSurrogate(text.charCodeAt(end))) end++;
    if (text.slice(start, end).trim() === '') continue;
    spans.push({ start, end });
  }
  return spans.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Applies up to `rate` random character edits (substitute, insert, delete) to `text`. */
export function withEdits(text: string, rate: number, seed: number): string {
  const random = seededRandom(seed);
  const chars = [...text];
  const edits = Math.floor(chars.length * rate);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * chars.length);
    const kind = random();
    if (kind < 0.5) chars[at] = 'x';
    else if (kind < 0.75) chars.splice(at, 0, 'y');
    else chars.splice(at, 1);
  }
  return chars.join('');
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
