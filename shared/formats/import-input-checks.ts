/**
 * How deeply arrays and objects may nest in a JSON file we import. Our own exports nest fewer than
 * ten levels, and so do other tools' annotation files; a file nested far deeper is not an export,
 * and code that walks it recursively (structured cloning, JSON.stringify) would overflow the stack.
 */
export const MAX_IMPORT_JSON_NESTING = 100;

/**
 * Why `text` holds nothing to import at all (empty, or only white space, a byte-order mark
 * included), in words for the person who chose the file; null when it holds something.
 */
export function emptyImportText(text: string): string | null {
  if (text.length === 0) return 'the file is empty (0 bytes); there is nothing to import';
  if (text.trim().length === 0) return 'the file holds only white space; there is nothing to import';
  return null;
}

/**
 * Why a parsed JSON value may not be imported because it nests arrays and objects more than
 * `MAX_IMPORT_JSON_NESTING` levels deep; null when it does not. Walks the value with its own stack
 * (never recursion), so any depth is answered, and stops at the first level too deep.
 */
export function excessiveJsonNesting(value: unknown): string | null {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > MAX_IMPORT_JSON_NESTING) {
      return `it nests arrays or objects more than ${MAX_IMPORT_JSON_NESTING} levels deep, which no annotation export does; it was not read`;
    }
    for (const child of Object.values(current)) {
      if (child !== null && typeof child === 'object') pending.push({ value: child, depth: depth + 1 });
    }
  }
  return null;
}
