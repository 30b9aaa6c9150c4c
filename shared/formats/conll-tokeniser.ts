/** One token of a text: UTF-16 offsets (end exclusive) and its text. */
export interface Token {
  start: number;
  end: number;
  text: string;
  /** 0-based sentence the token is in. */
  sentence: number;
}

/** The tokens of a text in parallel arrays (no object per token, for large exports). */
export interface TokenTable {
  length: number;
  starts: Int32Array;
  ends: Int32Array;
  sentences: Int32Array;
}

/**
 * Word tokens: runs of letters, combining marks, digits, connector punctuation and zero-width
 * (non-)joiners, so `café`, `Ẹ́mi`, Arabic with harakat and `10` are one token each.
 */
const WORD = String.raw`[\p{L}\p{M}\p{N}\p{Pc}\u200c\u200d]+`;
/**
 * Everything else that is not white space is one token per symbol: one code point (or a pair of
 * regional indicators, a flag) with the marks, emoji modifiers, tag characters and ZWJ-joined code
 * points that follow it, so `👨‍👩‍👧`, `🇺🇦` and `😢` are single tokens and `"` or `.` are their own.
 */
const SYMBOL = String.raw`(?:\p{RI}\p{RI}|[^\s\x1c-\x1f\x85\p{L}\p{M}\p{N}\p{Pc}])(?:[\p{M}\p{Emoji_Modifier}\u{E0020}-\u{E007F}]|\u200d[^\s\x1c-\x1f\x85])*`;
const TOKEN_AT = new RegExp(`${WORD}|${SYMBOL}`, 'uy');
const SPACE = /[\s\x1c-\x1f\x85]/;
const TERMINAL = /^[.!?…。！？]$/u;
const CLOSER = /^["'”’»)\]}]$/u;

/**
 * Splits a text into tokens and sentences, deterministically and without dictionaries. White
 * space is JavaScript's `\s` (which includes the no-break space) plus the separators Python's
 * `str.split` also breaks at (U+001C–U+001F, U+0085), so no token contains anything a CoNLL reader
 * would split at. A sentence ends at every line break, and after `.`, `!`, `?`, `…` (and any
 * closing quotes or brackets right after them) when white space follows; so `3.5` and `U.S.A`
 * stay inside their sentence, and an abbreviation followed by a space ends one.
 */
export function tokenise(text: string): Token[] {
  const table = tokenTable(text);
  const tokens: Token[] = [];
  for (let i = 0; i < table.length; i++) {
    const start = table.starts[i]!;
    const end = table.ends[i]!;
    tokens.push({ start, end, text: text.slice(start, end), sentence: table.sentences[i]! });
  }
  return tokens;
}

/** `tokenise` as parallel arrays: the same tokens and sentences, without an object per token. */
export function tokenTable(text: string): TokenTable {
  let capacity = Math.max(16, text.length >> 2);
  let starts: Int32Array = new Int32Array(capacity);
  let ends: Int32Array = new Int32Array(capacity);
  let sentences: Int32Array = new Int32Array(capacity);
  let length = 0;
  let sentence = 0;
  let pendingEnd = false;
  let position = 0;
  while (position < text.length) {
    let sawSpace = false;
    let sawLineBreak = false;
    while (position < text.length && isSpace(text.charCodeAt(position))) {
      sawSpace = true;
      if (isLineBreak(text.charCodeAt(position))) sawLineBreak = true;
      position++;
    }
    if (position >= text.length) break;
    TOKEN_AT.lastIndex = position;
    const end = TOKEN_AT.test(text) ? TOKEN_AT.lastIndex : position + 1;
    if (length > 0 && (sawLineBreak || (pendingEnd && sawSpace))) {
      sentence++;
      pendingEnd = false;
    }
    const single = end - position <= 2 ? text.slice(position, end) : '';
    if (single && TERMINAL.test(single)) pendingEnd = true;
    else if (!(pendingEnd && !sawSpace && single && CLOSER.test(single))) pendingEnd = false;
    if (length === capacity) {
      capacity *= 2;
      starts = grow(starts, capacity);
      ends = grow(ends, capacity);
      sentences = grow(sentences, capacity);
    }
    starts[length] = position;
    ends[length] = end;
    sentences[length] = sentence;
    length++;
    position = end;
  }
  return { length, starts, ends, sentences };
}

function grow(array: Int32Array, capacity: number): Int32Array {
  const bigger = new Int32Array(capacity);
  bigger.set(array);
  return bigger;
}

function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  return c === 0x85 || c === 0xa0 || SPACE.test(String.fromCharCode(c));
}

function isLineBreak(c: number): boolean {
  return (c >= 0x0a && c <= 0x0d) || (c >= 0x1c && c <= 0x1e) || c === 0x85 || c === 0x2028 || c === 0x2029;
}
