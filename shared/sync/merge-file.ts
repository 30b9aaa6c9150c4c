/**
 * Merging one file of a workspace that both sides changed since they last synced: a JSON file field
 * by field (`mergeJson`), any other file only when both made it the same. Whatever cannot be merged
 * is a conflict to show the person syncing, with every version, and to settle by their choice. Pure.
 */
import { describeJsonPath, jsonEqual, mergeJson, type ConflictSide, type JsonConflict, type JsonPathStep, type JsonValue } from './merge-json.js';

/** A value in one JSON file that both sides changed differently. */
export interface FieldConflict {
  kind: 'field';
  /** Names the conflict among all of one sync: `file#path`. */
  id: string;
  /** The file, relative to the workspace, with `/`. */
  file: string;
  path: JsonPathStep[];
  /** The path as people read it (`labels[id=claim].colour`). */
  where: string;
  base: JsonValue | null;
  ours: JsonValue | null;
  theirs: JsonValue | null;
  /** Which of base, ours, theirs are absent (the value was deleted, or never there). */
  absent: Array<'base' | 'ours' | 'theirs'>;
}

/** A whole file both sides changed where no field-by-field merge applies (text, unreadable JSON). */
export interface FileConflict {
  kind: 'file';
  /** Names the conflict among all of one sync: the file itself. */
  id: string;
  file: string;
  /** Why it could not be merged. */
  reason: string;
  /** Each version's text; null where the file is absent (deleted, or never there). */
  base: string | null;
  ours: string | null;
  theirs: string | null;
}

/** Something both sides changed differently; nothing of it is merged until someone chooses. */
export type SyncConflict = FieldConflict | FileConflict;

/** A choice made about a conflict shown earlier: it applies only while the conflict is still exactly that. */
export interface SettledConflict {
  conflict: SyncConflict;
  take: ConflictSide;
}

/** One file's three versions (undefined: absent). */
export interface FileVersions {
  /** The file, relative to the workspace, with `/`. */
  file: string;
  base: Uint8Array | undefined;
  ours: Uint8Array | undefined;
  theirs: Uint8Array | undefined;
}

/** How JSON files are merged and written. */
export interface FileMergeOptions {
  /** Writes a merged JSON value as the file's bytes (the store's own layout, so its next save changes nothing). */
  serialiseJson(file: string, value: JsonValue): Uint8Array;
  /** Puts a merged value in the shape its file keeps (an order), or says why it is not a valid file (a string). */
  normaliseJson?(file: string, value: JsonValue): JsonValue | string;
  /** Keys holding "last changed" times: both changed, the later wins (see `mergeJson`). */
  latestTimeKeys?: readonly string[];
  /** Choices made earlier about conflicts of this file. */
  settled?: readonly SettledConflict[];
}

/** The file as merged (undefined: deleted), or the conflicts that stop it being merged. */
export type FileMergeOutcome = { merged: true; content: Uint8Array | undefined } | { merged: false; conflicts: SyncConflict[] };

/** The part of `TextDecoder` used here: present in Node and browsers, absent from the ES library. */
interface TextDecoding {
  decode(input: Uint8Array): string;
}
const decoder = new (globalThis as unknown as { TextDecoder: new (label: 'utf-8') => TextDecoding }).TextDecoder('utf-8');

/** Merges one file both sides changed (the caller has already taken files changed on one side only). */
export function mergeFileVersions(versions: FileVersions, options: FileMergeOptions): FileMergeOutcome {
  const { file, base, ours, theirs } = versions;
  if (sameBytes(ours, theirs)) return { merged: true, content: ours };
  if (sameBytes(base, ours)) return { merged: true, content: theirs };
  if (sameBytes(base, theirs)) return { merged: true, content: ours };
  const settled = (options.settled ?? []).filter((s) => s.conflict.file === file);
  if (!file.endsWith('.json')) return wholeFile(versions, 'both sides changed this file differently', settled);
  const parsed = [base, ours, theirs].map(parseJson);
  if (parsed.some((p) => p === 'unreadable')) return wholeFile(versions, 'a version of this file is not valid JSON', settled);
  const [baseValue, oursValue, theirsValue] = parsed as Array<JsonValue | undefined>;
  const { merged, conflicts } = mergeJson(baseValue, oursValue, theirsValue, {
    latestTimeKeys: options.latestTimeKeys,
    settle: (conflict) => settled.find((s) => s.conflict.kind === 'field' && sameFieldConflict(s.conflict, file, conflict))?.take,
  });
  if (conflicts.length > 0) return { merged: false, conflicts: conflicts.map((c) => fieldConflict(file, c)) };
  if (merged === undefined) return { merged: true, content: undefined };
  const shaped = options.normaliseJson ? options.normaliseJson(file, merged) : merged;
  if (typeof shaped === 'string') return wholeFile(versions, `merged field by field it would not be a valid file (${shaped})`, settled);
  return { merged: true, content: options.serialiseJson(file, shaped) };
}

/** The whole file as one conflict, or the version chosen for it earlier if it is still the same conflict. */
function wholeFile(versions: FileVersions, reason: string, settled: readonly SettledConflict[]): FileMergeOutcome {
  const conflict: FileConflict = {
    kind: 'file',
    id: versions.file,
    file: versions.file,
    reason,
    base: textOf(versions.base),
    ours: textOf(versions.ours),
    theirs: textOf(versions.theirs),
  };
  const choice = settled.find((s) => s.conflict.kind === 'file' && s.conflict.ours === conflict.ours && s.conflict.theirs === conflict.theirs);
  if (choice) return { merged: true, content: choice.take === 'ours' ? versions.ours : versions.theirs };
  return { merged: false, conflicts: [conflict] };
}

function fieldConflict(file: string, conflict: JsonConflict): FieldConflict {
  const where = describeJsonPath(conflict.path);
  const absent = (['base', 'ours', 'theirs'] as const).filter((side) => conflict[side] === undefined);
  return {
    kind: 'field',
    id: `${file}#${where}`,
    file,
    path: conflict.path,
    where,
    base: conflict.base ?? null,
    ours: conflict.ours ?? null,
    theirs: conflict.theirs ?? null,
    absent,
  };
}

/** Whether a conflict chosen about earlier is the one met now: same file and place, same two versions. */
function sameFieldConflict(earlier: FieldConflict, file: string, now: JsonConflict): boolean {
  if (earlier.file !== file || earlier.where !== describeJsonPath(now.path)) return false;
  const oursNow = now.ours === undefined ? null : now.ours;
  const theirsNow = now.theirs === undefined ? null : now.theirs;
  return (
    jsonEqual(earlier.ours, oursNow) &&
    jsonEqual(earlier.theirs, theirsNow) &&
    earlier.absent.includes('ours') === (now.ours === undefined) &&
    earlier.absent.includes('theirs') === (now.theirs === undefined)
  );
}

function parseJson(bytes: Uint8Array | undefined): JsonValue | undefined | 'unreadable' {
  if (bytes === undefined) return undefined;
  try {
    return JSON.parse(decoder.decode(bytes)) as JsonValue;
  } catch {
    return 'unreadable';
  }
}

function textOf(bytes: Uint8Array | undefined): string | null {
  return bytes === undefined ? null : decoder.decode(bytes);
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
