/**
 * A three-way merge of JSON values: what two people made of the same base. Changes on one side only
 * are taken; objects are merged key by key, arrays of objects that each carry a unique string `id`
 * item by item (by id, keeping the order), so two people who changed different fields, or different
 * items, both keep their change. Where both changed the same value differently, the merge reports a
 * conflict (path, base, ours, theirs) rather than choosing: nothing is lost silently. Pure.
 */

/** A JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One step into a JSON value: an object key, or the item of an id-keyed array with that id. */
export type JsonPathStep = string | { id: string };

/** Where both sides changed the same value differently. `undefined` means absent (deleted, or never there). */
export interface JsonConflict {
  path: JsonPathStep[];
  base: JsonValue | undefined;
  ours: JsonValue | undefined;
  theirs: JsonValue | undefined;
}

/** Which side a conflict was settled for. */
export type ConflictSide = 'ours' | 'theirs';

/** How to merge. */
export interface JsonMergeOptions {
  /**
   * Keys holding when something last changed (ISO 8601 strings, e.g. `updatedAt`): where both sides
   * changed one, the later time is kept instead of reporting a conflict, since no one's work is in it.
   */
  latestTimeKeys?: readonly string[];
  /** Settles a conflict met during the merge (a choice made earlier), or leaves it (undefined). */
  settle?: (conflict: JsonConflict) => ConflictSide | undefined;
}

/** The merged value (ours where conflicts remain, until they are settled) and the conflicts left. */
export interface JsonMergeResult {
  merged: JsonValue | undefined;
  conflicts: JsonConflict[];
}

/** Merges `ours` and `theirs`, both made from `base` (each `undefined` when absent). */
export function mergeJson(
  base: JsonValue | undefined,
  ours: JsonValue | undefined,
  theirs: JsonValue | undefined,
  options: JsonMergeOptions = {},
): JsonMergeResult {
  const conflicts: JsonConflict[] = [];
  const merged = mergeValue(base, ours, theirs, [], { latestTimeKeys: new Set(options.latestTimeKeys ?? []), settle: options.settle, conflicts });
  return { merged, conflicts };
}

interface MergeContext {
  latestTimeKeys: ReadonlySet<string>;
  settle: JsonMergeOptions['settle'];
  conflicts: JsonConflict[];
}

type Absent = JsonValue | undefined;

function mergeValue(base: Absent, ours: Absent, theirs: Absent, path: JsonPathStep[], context: MergeContext): Absent {
  if (jsonEqual(ours, theirs)) return ours;
  if (jsonEqual(base, ours)) return theirs;
  if (jsonEqual(base, theirs)) return ours;
  if (isRecord(ours) && isRecord(theirs) && (base === undefined || isRecord(base))) {
    return mergeRecords(base ?? {}, ours, theirs, path, context);
  }
  if (Array.isArray(ours) && Array.isArray(theirs) && (base === undefined || Array.isArray(base))) {
    const keyed = [base ?? [], ours, theirs].map(itemsById);
    if (keyed[0] && keyed[1] && keyed[2]) return mergeItemsById(keyed[0], ours, keyed[1], theirs, keyed[2], path, context);
  }
  const last = path[path.length - 1];
  if (typeof last === 'string' && context.latestTimeKeys.has(last) && typeof ours === 'string' && typeof theirs === 'string') {
    return ours > theirs ? ours : theirs;
  }
  const conflict: JsonConflict = { path: [...path], base, ours, theirs };
  const side = context.settle?.(conflict);
  if (side === 'ours') return ours;
  if (side === 'theirs') return theirs;
  context.conflicts.push(conflict);
  return ours;
}

function mergeRecords(
  base: Record<string, JsonValue>,
  ours: Record<string, JsonValue>,
  theirs: Record<string, JsonValue>,
  path: JsonPathStep[],
  context: MergeContext,
): Record<string, JsonValue> {
  const result: Record<string, JsonValue> = {};
  const keys = [...new Set([...Object.keys(ours), ...Object.keys(theirs), ...Object.keys(base)])];
  for (const key of keys) {
    const value = mergeValue(own(base, key), own(ours, key), own(theirs, key), [...path, key], context);
    if (value !== undefined) result[key] = value;
  }
  return result;
}

/**
 * Merges arrays of objects with ids item by item. The result follows our order; an item only they
 * have (added by them, or kept by a settled conflict) goes right after the item it follows in
 * theirs, so a list both appended to keeps both additions in a sensible place.
 */
function mergeItemsById(
  baseById: Map<string, JsonValue>,
  ours: JsonValue[],
  oursById: Map<string, JsonValue>,
  theirs: JsonValue[],
  theirsById: Map<string, JsonValue>,
  path: JsonPathStep[],
  context: MergeContext,
): JsonValue[] {
  const mergedById = new Map<string, JsonValue>();
  const ids = [...new Set([...oursById.keys(), ...theirsById.keys(), ...baseById.keys()])];
  for (const id of ids) {
    const value = mergeValue(baseById.get(id), oursById.get(id), theirsById.get(id), [...path, { id }], context);
    if (value !== undefined) mergedById.set(id, value);
  }
  const kept = ours.map(idOf).filter((id) => mergedById.has(id));
  const keptSet = new Set(kept);
  const insertedAfter = new Map<string | null, string[]>();
  let anchor: string | null = null;
  for (const id of theirs.map(idOf)) {
    if (keptSet.has(id)) anchor = id;
    else if (mergedById.has(id)) {
      const after = insertedAfter.get(anchor);
      if (after) after.push(id);
      else insertedAfter.set(anchor, [id]);
    }
  }
  const order = [...(insertedAfter.get(null) ?? [])];
  for (const id of kept) order.push(id, ...(insertedAfter.get(id) ?? []));
  const placed = new Set(order);
  for (const id of mergedById.keys()) if (!placed.has(id)) order.push(id); // only in base, kept by a settled conflict
  return order.map((id) => mergedById.get(id)!);
}

/** The items of an array by id, when every item is an object with a string id, no id twice; else null. */
function itemsById(items: JsonValue[]): Map<string, JsonValue> | null {
  const byId = new Map<string, JsonValue>();
  for (const item of items) {
    if (!isRecord(item) || typeof item.id !== 'string' || byId.has(item.id)) return null;
    byId.set(item.id, item);
  }
  return byId;
}

function idOf(item: JsonValue): string {
  return (item as { id: string }).id;
}

function own(record: Record<string, JsonValue>, key: string): JsonValue | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function isRecord(value: Absent): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether two JSON values are the same (object key order aside). */
export function jsonEqual(a: Absent, b: Absent): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as JsonValue[];
    return a.length === other.length && a.every((item, i) => jsonEqual(item, other[i]));
  }
  const left = a as Record<string, JsonValue>;
  const right = b as Record<string, JsonValue>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && jsonEqual(left[key], right[key]));
}

/** A path as people read it: `labels[id=claim].colour`; empty for the whole value. */
export function describeJsonPath(path: readonly JsonPathStep[]): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'string') text += /^[A-Za-z_$][\w$]*$/.test(step) ? `${text === '' ? '' : '.'}${step}` : `[${JSON.stringify(step)}]`;
    else text += `[id=${step.id}]`;
  }
  return text;
}
