import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AnnotationFileSchema, CURRENT_SCHEMA_VERSION, WorkspaceFileSchema, type WorkspaceFile } from '../../shared/model/workspace.js';
import { contentHash } from '../../shared/text/content-hash.js';
import { JsonFileCodec, StoreFileError } from '../storage/index.js';
import { WORKSPACE_FILE } from './workspace-folder.js';

/** One thing wrong in a workspace, naming the file. */
export interface WorkspaceCheckFinding {
  file: string;
  message: string;
}

/**
 * Reads every file of a workspace without changing anything (no lock, no writes) and reports what
 * is wrong: files that do not parse or validate or come from a newer version, texts whose hash or
 * length does not match the index, annotation files of another document or text, and fragments whose
 * offsets no longer slice to their quote. An empty list means the workspace is sound.
 */
export async function checkWorkspace(dir: string): Promise<WorkspaceCheckFinding[]> {
  const findings: WorkspaceCheckFinding[] = [];
  const workspace = await decode(dir, WORKSPACE_FILE, new JsonFileCodec({ schema: WorkspaceFileSchema, versioning: { currentVersion: CURRENT_SCHEMA_VERSION } }), findings);
  if (!workspace) return findings;
  const annotationCodec = new JsonFileCodec({ schema: AnnotationFileSchema, versioning: { currentVersion: CURRENT_SCHEMA_VERSION } });
  for (const meta of (workspace as WorkspaceFile).documents) {
    const textFile = `documents/${meta.id}.txt`;
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
    const annotationsFile = `annotations/${meta.id}.json`;
    const annotations = await decode(dir, annotationsFile, annotationCodec, findings);
    if (!annotations) continue;
    if (annotations.documentId !== meta.id) findings.push({ file: annotationsFile, message: `it belongs to document ${annotations.documentId}` });
    for (const annotation of annotations.annotations) {
      if (annotation.orphaned) continue;
      for (const fragment of annotation.fragments) {
        if (text.slice(fragment.start, fragment.end) !== fragment.exact) {
          findings.push({
            file: annotationsFile,
            message: `annotation ${annotation.id}: offsets ${fragment.start}–${fragment.end} no longer hold "${fragment.exact.slice(0, 40)}"`,
          });
        }
      }
    }
  }
  return findings;
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
