import { join } from 'node:path';

/**
 * Where each file of a workspace lives, relative to the workspace folder (forward slashes, as store
 * problems and backups name them). Every annotator writes only their own files: their annotations
 * of each document in `annotations/<document>/<annotator>.json` and their identity, links and
 * cluster names in `links/<annotator>.json`; `workspace.json` and `documents/` are shared.
 */
export const WORKSPACE_LAYOUT = {
  /** The folder of the stored texts. */
  documentsFolder: 'documents',
  /** The folder holding one folder of layer files per document. */
  annotationsFolder: 'annotations',
  /** The folder of the annotators' link files. */
  linksFolder: 'links',
  /** A document's stored text. */
  text: (documentId: string) => `documents/${documentId}.txt`,
  /** The folder of a document's layers. */
  documentLayers: (documentId: string) => `annotations/${documentId}`,
  /** One annotator's annotations of one document. */
  annotations: (documentId: string, annotator: string) => `annotations/${documentId}/${annotator}.json`,
  /** One annotator's identity, links and cluster names. */
  links: (annotator: string) => `links/${annotator}.json`,
  /** A document's annotation file as version 1 (before layers) kept it. */
  annotationsBeforeLayers: (documentId: string) => `annotations/${documentId}.json`,
} as const;

/** What a workspace file is, read from its path relative to the workspace folder. */
export type WorkspaceFileKind =
  | { kind: 'annotations'; documentId: string; annotator: string }
  | { kind: 'links'; annotator: string }
  | { kind: 'annotations-before-layers'; documentId: string }
  | { kind: 'other' };

/** Tells which workspace file `file` (relative, forward slashes) is. */
export function workspaceFileKind(file: string): WorkspaceFileKind {
  const layer = /^annotations\/([^/]+)\/([^/]+)\.json$/.exec(file);
  if (layer) return { kind: 'annotations', documentId: layer[1]!, annotator: layer[2]! };
  const links = /^links\/([^/]+)\.json$/.exec(file);
  if (links) return { kind: 'links', annotator: links[1]! };
  const old = /^annotations\/([^/]+)\.json$/.exec(file);
  if (old) return { kind: 'annotations-before-layers', documentId: old[1]! };
  return { kind: 'other' };
}

/** The absolute path of the workspace file `file` of the workspace in `dir`. */
export function workspacePath(dir: string, file: string): string {
  return join(dir, ...file.split('/'));
}
