import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Annotation } from '../../shared/model/annotation.js';
import { CURRENT_SCHEMA_VERSION, WorkspaceFileSchema } from '../../shared/model/workspace.js';
import { AnnotationFileV1Schema, SCHEMA_VERSION_BEFORE_LAYERS, WorkspaceFileV1Schema } from '../../shared/model/workspace-v1.js';
import { contentHash } from '../../shared/text/content-hash.js';
import { JsonFileCodec, schemaVersionOf, StoreFileError } from '../storage/index.js';
import { annotationFileCodec, layersOfDocument, linkLayerFileCodec } from './layer-reading.js';
import { WORKSPACE_FILE } from './workspace-folder.js';
import { WORKSPACE_LAYOUT } from './workspace-layout.js';

/** One thing wrong in a workspace, naming the file. */
export interface WorkspaceCheckFinding {
  file: string;
  message: string;
}

/** How many times a check that found problems runs again because `workspace.json` changed meanwhile. */
const CHECK_ATTEMPTS = 5;

/**
 * Reads every file of a workspace without changing anything (no lock, no writes) and reports what
 * is wrong: files that do not parse or validate or come from a newer version, texts whose hash or
 * length does not match the index, annotation files of another document, text or annotator, link
 * files of another annotator, and fragments whose offsets no longer slice to their quote. A
 * workspace from before layers is checked in its own layout (it is upgraded when next opened for
 * writing). An empty list means the workspace is sound. It may run
 * while another process writes the workspace: every file is replaced whole, and when problems were
 * found while `workspace.json` changed (an import committing mid-check), the check runs again.
 */
export async function checkWorkspace(dir: string): Promise<WorkspaceCheckFinding[]> {
  for (let attempt = 1; ; attempt++) {
    const before = await readFile(join(dir, WORKSPACE_FILE)).catch(() => null);
    const findings = await checkWorkspaceOnce(dir);
    if (findings.length === 0 || attempt === CHECK_ATTEMPTS) return findings;
    const after = await readFile(join(dir, WORKSPACE_FILE)).catch(() => null);
    if (before === null || after === null || before.equals(after)) return findings;
  }
}

async function checkWorkspaceOnce(dir: string): Promise<WorkspaceCheckFinding[]> {
  const findings: WorkspaceCheckFinding[] = [];
  const beforeLayers = schemaVersionOf(await readFile(join(dir, WORKSPACE_FILE), 'utf8').then(JSON.parse, () => null)) === SCHEMA_VERSION_BEFORE_LAYERS;
  const workspace = beforeLayers
    ? await decode(dir, WORKSPACE_FILE, new JsonFileCodec({ schema: WorkspaceFileV1Schema }), findings)
    : await decode(dir, WORKSPACE_FILE, new JsonFileCodec({ schema: WorkspaceFileSchema, versioning: { currentVersion: CURRENT_SCHEMA_VERSION } }), findings);
  if (!workspace) return findings;
  if (!beforeLayers) {
    for (const name of (await readdir(join(dir, WORKSPACE_LAYOUT.linksFolder)).catch(() => [] as string[])).filter((n) => n.endsWith('.json'))) {
      const file = `${WORKSPACE_LAYOUT.linksFolder}/${name}`;
      const links = await decode(dir, file, linkLayerFileCodec, findings);
      if (links && `${links.annotator.id}.json` !== name) findings.push({ file, message: `it names the annotator ${links.annotator.id}, not ${name.slice(0, -5)}` });
    }
  }
  const v1AnnotationCodec = new JsonFileCodec({ schema: AnnotationFileV1Schema });
  for (const meta of workspace.documents) {
    const textFile = WORKSPACE_LAYOUT.text(meta.id);
    let text: string;
    try {
      text = await readFile(join(dir, textFile), 'utf8');
    } catch (error) {
      findings.push({ file: textFile, message: `the text of "${meta.title}" cannot be read (${(error as Error).message})` });
      continue;
    }
    if (contentHash(text) !== meta.contentHash || text.length !== meta.length) {
      findings.push({ file: textFile, message: `the text of "${meta.title}" is not the text that was imported (its hash differs)` });
    }
    const files = beforeLayers
      ? [{ file: WORKSPACE_LAYOUT.annotationsBeforeLayers(meta.id), annotator: null }]
      : (await layersOfDocument(dir, meta.id)).map((annotator) => ({ file: WORKSPACE_LAYOUT.annotations(meta.id, annotator), annotator }));
    for (const { file, annotator } of files) {
      const annotations = annotator === null ? await decode(dir, file, v1AnnotationCodec, findings) : await decode(dir, file, annotationFileCodec, findings);
      if (!annotations) continue;
      if (annotations.documentId !== meta.id) findings.push({ file, message: `it belongs to document ${annotations.documentId}` });
      if (annotator !== null && 'annotator' in annotations && annotations.annotator !== annotator) {
        findings.push({ file, message: `it holds the layer of ${annotations.annotator}, not of ${annotator}` });
      }
      checkFragments(file, text, annotations.annotations, findings);
    }
  }
  return findings;
}

/** Reports every fragment whose offsets no longer slice to its quote (orphaned annotations are exempt). */
function checkFragments(file: string, text: string, annotations: readonly Omit<Annotation, 'annotator'>[], findings: WorkspaceCheckFinding[]): void {
  for (const annotation of annotations) {
    if (annotation.orphaned) continue;
    for (const fragment of annotation.fragments) {
      if (text.slice(fragment.start, fragment.end) !== fragment.exact) {
        findings.push({
          file,
          message: `annotation ${annotation.id}: offsets ${fragment.start}–${fragment.end} no longer hold "${fragment.exact.slice(0, 40)}"`,
        });
      }
    }
  }
}

async function decode<T>(dir: string, file: string, codec: JsonFileCodec<T>, findings: WorkspaceCheckFinding[]): Promise<T | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(dir, file));
  } catch (error) {
    findings.push({ file, message: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
    return null;
  }
  try {
    return codec.decode(bytes, file).data;
  } catch (error) {
    findings.push({ file, message: error instanceof StoreFileError ? error.reason : (error as Error).message });
    return null;
  }
}
