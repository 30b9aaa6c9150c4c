import { compareInDocumentOrder } from '../../../shared/model/document-order.js';
import type { Annotation } from '../../../shared/model/annotation.js';
import { AnnotationFileSchema, CURRENT_SCHEMA_VERSION, LinkLayerFileSchema, WorkspaceFileSchema } from '../../../shared/model/workspace.js';
import type { FileMergeOptions, SettledConflict } from '../../../shared/sync/merge-file.js';
import type { JsonValue } from '../../../shared/sync/merge-json.js';
import { JsonFileCodec, stringifyStably, UnsavableDataError } from '../../storage/index.js';
import { STORE_FILE_KEY_ORDER } from '../../storage/json-store-file.js';
import { WORKSPACE_FILE } from '../../workspace/workspace-folder.js';
import { workspaceFileKind } from '../../workspace/workspace-layout.js';

/** Keys that only record when something last changed: where both sides changed one, the later time is kept. */
const LATEST_TIME_KEYS = ['updatedAt'];

const encoder = new TextEncoder();
const codecs = {
  workspace: new JsonFileCodec({ schema: WorkspaceFileSchema, versioning: { currentVersion: CURRENT_SCHEMA_VERSION }, keyOrder: STORE_FILE_KEY_ORDER }),
  annotations: new JsonFileCodec({ schema: AnnotationFileSchema, versioning: { currentVersion: CURRENT_SCHEMA_VERSION }, keyOrder: STORE_FILE_KEY_ORDER }),
  links: new JsonFileCodec({ schema: LinkLayerFileSchema, versioning: { currentVersion: CURRENT_SCHEMA_VERSION }, keyOrder: STORE_FILE_KEY_ORDER }),
};

/**
 * How the files of a workspace merge: the store's own files (`workspace.json`, each layer's
 * `annotations/<document>/<annotator>.json` and `links/<annotator>.json`) are checked against their schema once merged and written exactly as the store writes them, with
 * a document's annotations back in document order; a merge that would not make a valid file, or
 * that involves a file from a newer version of Corroborate, is left to the person syncing.
 */
export function workspaceMergeOptions(settled: readonly SettledConflict[] = []): FileMergeOptions {
  return {
    latestTimeKeys: LATEST_TIME_KEYS,
    settled,
    serialiseJson: (file, value) => {
      const codec = codecFor(file) as JsonFileCodec<unknown> | null;
      return encoder.encode(codec ? codec.encode(value, file) : stringifyStably(value, { keyOrder: STORE_FILE_KEY_ORDER }));
    },
    normaliseJson: (file, value) => {
      const codec = codecFor(file) as JsonFileCodec<unknown> | null;
      if (!codec) return value;
      const version = (value as { schemaVersion?: unknown }).schemaVersion;
      if (typeof version === 'number' && version > CURRENT_SCHEMA_VERSION) {
        return `it was written by a newer version of Corroborate (schema version ${version}); update Corroborate to merge it`;
      }
      try {
        codec.encode(value, file);
      } catch (error) {
        if (error instanceof UnsavableDataError) return error.message;
        throw error;
      }
      if (codec === (codecs.annotations as JsonFileCodec<unknown>)) {
        const annotationFile = value as unknown as { annotations: Annotation[] };
        return { ...annotationFile, annotations: [...annotationFile.annotations].sort(compareInDocumentOrder) } as unknown as JsonValue;
      }
      return value;
    },
  };
}

function codecFor(file: string): JsonFileCodec<unknown> | null {
  if (file === WORKSPACE_FILE) return codecs.workspace as JsonFileCodec<unknown>;
  const kind = workspaceFileKind(file).kind;
  if (kind === 'annotations') return codecs.annotations as JsonFileCodec<unknown>;
  if (kind === 'links') return codecs.links as JsonFileCodec<unknown>;
  return null;
}
