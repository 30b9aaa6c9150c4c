import { describe, expect, it } from 'vitest';
import { exportedFileText } from './exported-file.js';
import { exportNativeJson, parseNativeExport } from './native-json.js';
import { buildFixtureSnapshot } from './test-fixtures.js';
import type { WorkspaceSnapshot } from '../model/workspace.js';

function exportText(snapshot: WorkspaceSnapshot): string {
  const files = [...exportNativeJson(snapshot)];
  expect(files.map((f) => f.path)).toEqual(['corroborate-workspace.json']);
  return exportedFileText(files[0]!);
}

describe('native JSON export', () => {
  it('is valid JSON holding the whole snapshot', () => {
    const snapshot = buildFixtureSnapshot();
    const parsed = JSON.parse(exportText(snapshot));
    expect(parsed.format).toBe('corroborate-native');
    expect(parsed.documents.map((d: { text: string }) => d.text)).toEqual(snapshot.documents.map((d) => d.text));
    expect(parsed.links).toHaveLength(snapshot.links.length);
  });

  it('round-trips byte for byte and gives back an equal snapshot', () => {
    const snapshot = buildFixtureSnapshot();
    const first = exportText(snapshot);
    const back = parseNativeExport(first, 'w.json');
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value).toEqual(snapshot);
    expect(exportText(back.value)).toBe(first);
  });

  it('does not depend on the key order of the input objects', () => {
    const snapshot = buildFixtureSnapshot();
    const shuffled = JSON.parse(JSON.stringify(snapshot), (_key, value) =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    ) as WorkspaceSnapshot;
    expect(exportText(shuffled)).toBe(exportText(snapshot));
  });

  it('keeps orphaned annotations and empty lists', () => {
    const snapshot = buildFixtureSnapshot();
    snapshot.documents[0]!.annotations[0]!.orphaned = true;
    snapshot.documents[2]!.annotations = [];
    snapshot.links = snapshot.links.filter((l) => l.source.documentId !== snapshot.documents[2]!.meta.id && l.target.documentId !== snapshot.documents[2]!.meta.id);
    const text = exportText(snapshot);
    const back = parseNativeExport(text, 'w.json');
    expect(back.ok && back.value).toEqual(snapshot);
  });

  it.each([
    ['not JSON', () => '{', /not valid JSON/],
    ['another format', () => '{"format":"other"}', /not a Corroborate workspace export/],
    ['a newer schema', () => exportText({ ...buildFixtureSnapshot(), schemaVersion: 99 }), /newer version/],
    ['a schema violation', () => exportText(buildFixtureSnapshot()).replace('"hotkey":"1"', '"hotkey":1'), /labels\.0\.hotkey/],
    ['a changed text', () => exportText(buildFixtureSnapshot()).replace('Mayor Li said', 'Mayor Lu said'), /content hash|length/],
    ['a dangling link', () => {
      const s = buildFixtureSnapshot();
      s.documents[2]!.annotations.pop();
      return exportText(s);
    }, /missing annotation/],
    ['an unknown label', () => {
      const s = buildFixtureSnapshot();
      s.labels = s.labels.filter((l) => l.id !== 'quote');
      return exportText(s);
    }, /unknown label "quote"/],
  ])('refuses %s with the file name and a reason', (_name, make, reason) => {
    const result = parseNativeExport(make(), 'broken.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.fileName).toBe('broken.json');
    expect(result.error.reason).toMatch(reason);
  });
});

describe('native JSON fast path', () => {
  it('writes the same text as the generic canonical writer, and keeps unknown keys', async () => {
    const { canonicalJson } = await import('./canonical-json.js');
    const snapshot = buildFixtureSnapshot();
    const text = exportText(snapshot);
    for (const a of snapshot.documents.flatMap((d) => d.annotations)) expect(text).toContain(canonicalJson(a));
    (snapshot.documents[0]!.annotations[0] as unknown as Record<string, unknown>).extra = { b: 1, a: [2] };
    expect(exportText(snapshot)).toContain('"documentId":"a0000000-0000-4000-8000-00000000000a","extra":{"a":[2],"b":1},"fragments"');
  });
});
