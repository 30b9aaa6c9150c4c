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

/** How many times a check that found problems runs again because `workspace.json` changed meanwhile. */
const CHECK_ATTEMPTS = 5;

/**
 * Reads every file of a workspace without changing anything (no lock, no writes) and reports what
 * is wrong: files that do not parse or validate or come from a newer version, texts whose hash or
 * length does not match the index, annotation files of another document or text, and fragments whose
 * offsets no longer slice to their quote. An empty list means the workspace is sound. It may run
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
