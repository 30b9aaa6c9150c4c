/** Where a JSON text stops being valid JSON, and what was wrong there. */
export interface JsonSyntaxProblem {
  /** 0-based offset (UTF-16 units) of the offending character, or the text's length at its end. */
  offset: number;
  /** What was found and what was expected, e.g. `unexpected "}" (expected a value)`. */
  problem: string;
}

type Expecting = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

/**
 * Finds the first syntax error of a JSON text (RFC 8259), or null when it is valid. `JSON.parse`
 * says only that it failed, in words and positions that differ between engines; this checker
 * locates the error itself so messages can name a line and column everywhere. It walks the text
 * once with an explicit stack, so deep nesting cannot overflow the call stack.
 */
export function locateJsonSyntaxError(text: string): JsonSyntaxProblem | null {
  const open: string[] = [];
  let expecting: Expecting = 'value';
  let i = 0;
  const n = text.length;
  const afterValue = (): Expecting => (open.length === 0 ? 'end' : 'comma-or-close');
  while (true) {
    while (i < n && isJsonSpace(text.charCodeAt(i))) i++;
    if (i >= n) {
      return expecting === 'end' ? null : { offset: n, problem: `the text ends early (${describeExpected(expecting, open)})` };
    }
    const c = text[i]!;
    const unexpected = (what: string): JsonSyntaxProblem => ({ offset: i, problem: `unexpected ${describeChar(text, i)} (${what})` });
    switch (expecting) {
      case 'value':
      case 'value-or-close': {
        if (expecting === 'value-or-close' && c === ']') {
          open.pop();
          i++;
          expecting = afterValue();
        } else if (c === '{') {
          open.push('}');
          i++;
          expecting = 'key-or-close';
        } else if (c === '[') {
          open.push(']');
          i++;
          expecting = 'value-or-close';
        } else if (c === '"') {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          expecting = afterValue();
        } else if (c === '-' || (c >= '0' && c <= '9')) {
          const end = scanNumber(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          expecting = afterValue();
        } else {
          const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
          if (!literal) return unexpected(describeExpected(expecting, open));
          i += literal.length;
          expecting = afterValue();
        }
        break;
      }
      case 'key':
      case 'key-or-close': {
        if (expecting === 'key-or-close' && c === '}') {
          open.pop();
          i++;
          expecting = afterValue();
        } else if (c === '"') {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          expecting = 'colon';
        } else {
          return unexpected(describeExpected(expecting, open));
        }
        break;
      }
      case 'colon':
        if (c !== ':') return unexpected('expected ":" after a property name');
        i++;
        expecting = 'value';
        break;
      case 'comma-or-close': {
        const close = open[open.length - 1]!;
        if (c === ',') {
          i++;
          expecting = close === ']' ? 'value' : 'key';
        } else if (c === close) {
          open.pop();
          i++;
          expecting = afterValue();
        } else {
          return unexpected(describeExpected(expecting, open));
        }
        break;
      }
      case 'end':
        return unexpected('the JSON value has already ended');
    }
  }
}

function scanString(text: string, start: number): number | JsonSyntaxProblem {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) {
      return { offset: i, problem: `a ${code === 0x0a ? 'line break' : 'control character'} inside a string (write it as an escape such as \\n)` };
    }
    if (code === 0x5c) {
      const escape = text[i + 1];
      if (escape === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, problem: 'a \\u escape without four hex digits' };
        i += 6;
        continue;
      }
      if (escape === undefined || !'"\\/bfnrt'.includes(escape)) {
        return { offset: i, problem: `an invalid escape ${JSON.stringify('\\' + (escape ?? ''))} in a string` };
      }
      i += 2;
      continue;
    }
    i++;
  }
  return { offset: start, problem: 'a string that is never closed (a missing ")' };
}

function scanNumber(text: string, start: number): number | JsonSyntaxProblem {
  const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  match.lastIndex = start;
  const found = match.exec(text);
  if (!found) return { offset: start, problem: `an invalid number starting with ${describeChar(text, start)}` };
  const end = start + found[0].length;
  const next = text[end];
  if (next !== undefined && /[0-9.eE+\-]/.test(next)) {
    return { offset: end, problem: `an invalid number (unexpected ${describeChar(text, end)})` };
  }
  return end;
}

function describeExpected(expecting: Expecting, open: string[]): string {
  const close = open[open.length - 1];
  switch (expecting) {
    case 'value':
      return 'expected a value';
    case 'value-or-close':
      return 'expected a value or "]"';
    case 'key':
      return 'expected a property name in double quotes';
    case 'key-or-close':
      return 'expected a property name in double quotes or "}"';
    case 'colon':
      return 'expected ":"';
    case 'comma-or-close':
      return `expected "," or "${close}"`;
    case 'end':
      return 'expected the end of the text';
  }
}

/** A character as a message shows it: `"}"`, `a line break`, `U+0007`. */
function describeChar(text: string, offset: number): string {
  const code = text.codePointAt(offset);
  if (code === undefined) return 'end of text';
  if (code === 0x0a) return 'line break';
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return JSON.stringify(String.fromCodePoint(code));
}

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
