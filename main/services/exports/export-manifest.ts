import { z } from 'zod';
import type { ExportedLayers } from '../../../shared/formats/export-layers.js';
import type { WrittenExportFile } from './write-export-folder.js';

/**
 * The file that marks a folder as an export Corroborate wrote: written last, once every other file
 * is complete, and listing them. A folder without it (or holding anything it does not list) is not
 * ours, so it is never replaced. Hidden, so dataset tools that read the folder do not see it.
 */
export const EXPORT_MANIFEST_FILE = '.corroborate-export.json';

/** What the manifest says. */
export interface ExportManifest {
  /** The format id (`brat`, `csv`, …), or null for a folder written without one (tests). */
  format: string | null;
  /** Every file of the export, relative POSIX paths, in the order written. */
  files: WrittenExportFile[];
  /** Which layers it holds (absent for a folder written without a layer choice: tests). */
  layers?: ExportedLayers | undefined;
}

const MARKER = 'corroborate-export';
const ManifestSchema = z.object({
  kind: z.literal(MARKER),
  version: z.literal(1),
  format: z.string().nullable(),
  files: z.array(z.object({ path: z.string().min(1), bytes: z.number().int().nonnegative() })),
});

/** The manifest's text (JSON, one trailing newline). */
export function exportManifestText(manifest: ExportManifest): string {
  return `${JSON.stringify(
    {
      kind: MARKER,
      version: 1,
      about: 'Written by Corroborate after every file listed here was complete; marks this folder as an export Corroborate may replace.',
      format: manifest.format,
      ...(manifest.layers ? { layers: manifestLayers(manifest.layers) } : {}),
      files: manifest.files.map(({ path, bytes }) => ({ path, bytes })),
    },
    null,
    2,
  )}\n`;
}

/**
 * The layer choice as the manifest records it: the choice (`annotator`, `curated` with its
 * fallback, or `all`), the annotators whose layers it holds (id and name), and for the curated
 * layer the layer each document came from.
 */
function manifestLayers(layers: ExportedLayers): Record<string, unknown> {
  return {
    ...layers.choice,
    annotators: layers.annotators.map(({ id, name }) => ({ id, name })),
    ...(layers.choice.kind === 'curated' && layers.documentLayers ? { documentLayers: Object.fromEntries(layers.documentLayers) } : {}),
  };
}

/** Reads a manifest's text back; null when it is not one of ours. */
export function parseExportManifest(text: string): ExportManifest | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = ManifestSchema.safeParse(raw);
  return parsed.success ? { format: parsed.data.format, files: parsed.data.files } : null;
}
