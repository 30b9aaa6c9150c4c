import type { WorkspaceSnapshot } from '../model/workspace.js';
import { exportBratStandoff } from './brat-export.js';
import { exportConllCoreference } from './conll-coref-export.js';
import { exportCsv } from './csv-export.js';
import { exportDoccano } from './doccano-export.js';
import type { ExportedLayers, ExportLayerChoice } from './export-layers.js';
import { scopeSnapshot, type ExportScope } from './export-scope.js';
import type { ExportedFile } from './exported-file.js';
import { exportJsonLines } from './jsonl-export.js';
import { exportLabelStudio } from './label-studio-export.js';
import { exportNativeJson } from './native-json.js';
import { exportW3cAnnotationCollection, exportW3cAnnotationJsonLines } from './web-annotation-export.js';

/** The ids of the export formats, as the CLI and the UI name them. */
export const EXPORT_FORMAT_IDS = ['native', 'jsonl', 'w3c', 'w3c-jsonl', 'brat', 'csv', 'labelstudio', 'doccano', 'conll-coref'] as const;
/** An export format id. */
export type ExportFormatId = (typeof EXPORT_FORMAT_IDS)[number];

/**
 * One export format: what it is for, the offset unit it writes, whether it can hold every
 * annotator's layer, and its exporter (default options). The exporter is told which layers the
 * snapshot holds (`layers`); without them, or for one annotator's layer, it writes what it always
 * wrote, and for the curated or every layer it says whose each annotation is where it can.
 */
export interface ExportFormat {
  id: ExportFormatId;
  /** One line for a format picker or `--help`. */
  description: string;
  /** The unit its offsets count, for the UI to state. */
  offsetUnit: 'UTF-16 code units' | 'Unicode code points' | 'UTF-16 code units and code points' | 'tokens';
  /** Why the format cannot hold every annotator's layer, and what to choose instead; null when it can. */
  refusesAllLayers: string | null;
  exporter: (snapshot: WorkspaceSnapshot, layers?: ExportedLayers) => Iterable<ExportedFile>;
}

/** Every export format by id, in the order a picker should list them. */
export const exportFormats: Readonly<Record<ExportFormatId, ExportFormat>> = {
  native: {
    id: 'native',
    description: 'Corroborate workspace JSON: everything, lossless, for backup or moving to another machine.',
    offsetUnit: 'UTF-16 code units',
    refusesAllLayers: null,
    exporter: (snapshot) => exportNativeJson(snapshot),
  },
  jsonl: {
    id: 'jsonl',
    description: 'JSON Lines, one document per line with its spans (both offset units) and the links touching it.',
    offsetUnit: 'UTF-16 code units and code points',
    refusesAllLayers: null,
    exporter: exportJsonLines,
  },
  w3c: {
    id: 'w3c',
    description: 'W3C Web Annotation collection (JSON-LD): one annotation per span and per link.',
    offsetUnit: 'Unicode code points',
    refusesAllLayers: null,
    exporter: (snapshot, layers) => exportW3cAnnotationCollection(snapshot, layers ? { layers } : {}),
  },
  'w3c-jsonl': {
    id: 'w3c-jsonl',
    description: 'W3C Web Annotations, one per line (JSON Lines).',
    offsetUnit: 'Unicode code points',
    refusesAllLayers: null,
    exporter: exportW3cAnnotationJsonLines,
  },
  brat: {
    id: 'brat',
    description: 'brat standoff folder (.txt/.ann, annotation.conf, visual.conf) that opens in brat as is.',
    offsetUnit: 'Unicode code points',
    refusesAllLayers: null,
    exporter: exportBratStandoff,
  },
  csv: {
    id: 'csv',
    description: 'CSV tables of documents, annotations and links for spreadsheets (formula-guarded).',
    offsetUnit: 'UTF-16 code units and code points',
    refusesAllLayers: null,
    exporter: (snapshot, layers) => exportCsv(snapshot, layers ? { layers } : {}),
  },
  labelstudio: {
    id: 'labelstudio',
    description: 'Label Studio JSON tasks with their labeling config.',
    offsetUnit: 'Unicode code points',
    refusesAllLayers: null,
    exporter: (snapshot, layers) => exportLabelStudio(snapshot, layers ? { layers } : {}),
  },
  doccano: {
    id: 'doccano',
    description: 'doccano sequence-labelling JSONL with relations.',
    offsetUnit: 'UTF-16 code units',
    refusesAllLayers:
      'doccano’s JSONL has no annotator: every layer would read as one person’s labels. Choose one annotator’s layer (doccano keeps one file per user) or the curated layer.',
    exporter: (snapshot, layers) => exportDoccano(snapshot, layers ? { layers } : {}),
  },
  'conll-coref': {
    id: 'conll-coref',
    description: 'CoNLL cross-document coreference (ECB+ style, for coval) of same/paraphrase clusters.',
    offsetUnit: 'tokens',
    refusesAllLayers:
      'The CoNLL coreference file holds one set of clusters and no annotator: every layer’s clusters would run together. Choose one annotator’s layer or the curated layer.',
    exporter: (snapshot, layers) => exportConllCoreference(snapshot, layers ? { layers } : {}),
  },
};

/** Whether a string names an export format. */
export function isExportFormatId(value: string): value is ExportFormatId {
  return (EXPORT_FORMAT_IDS as readonly string[]).includes(value);
}

/**
 * Runs one format's exporter on the part of the snapshot inside `scope` (everything when omitted),
 * told which layers it holds (`selectExportLayers`; one layer, written as always, when omitted).
 */
export function exportWorkspace(snapshot: WorkspaceSnapshot, formatId: ExportFormatId, scope?: ExportScope, layers?: ExportedLayers): Iterable<ExportedFile> {
  return exportFormats[formatId].exporter(scope ? scopeSnapshot(snapshot, scope) : snapshot, layers);
}

/**
 * Why `format` cannot export the layers of `choice`, naming the format and what to choose
 * instead, or null when it can (only `all` is ever refused).
 */
export function layerChoiceRefusal(formatId: ExportFormatId, choice: ExportLayerChoice): string | null {
  return choice.kind === 'all' ? exportFormats[formatId].refusesAllLayers : null;
}
