import type { WorkspaceSnapshot } from '../../../shared/model/workspace.js';
import { readAnnotatorIdentities } from '../../workspace/layer-reading.js';
import { ALL_LAYERS, ReadOnlyWorkspace } from '../../workspace/read-only-workspace.js';
import type { AgreementLayerFiles } from './agreement-layer-files.js';
import type { ReadOrder } from './agreement-messages.js';

/** Every layer of a workspace as agreement reads it, with the annotators' names. */
export interface EveryLayer {
  snapshot: WorkspaceSnapshot;
  /** Display names by annotator id. */
  names: Record<string, string>;
}

/**
 * Reads every annotator's layer of the workspace in `order.dir` as one consistent snapshot
 * (`ReadOnlyWorkspace`, lock-free: the app may be writing meanwhile), without the texts, then puts
 * in what the store holds but could not save. `onDocumentRead` is told after each article.
 * `layerFiles` reads the annotation files (what agreement uses of them, each kept until it changes;
 * in a new session, from its cache where a file is still the one cached).
 */
export async function readEveryLayer(order: ReadOrder, layerFiles: AgreementLayerFiles, onDocumentRead?: (read: number, total: number) => void): Promise<EveryLayer> {
  const workspace = await ReadOnlyWorkspace.open(order.dir, ALL_LAYERS);
  await layerFiles.useCache();
  let snapshot: WorkspaceSnapshot;
  try {
    snapshot = await workspace.readSnapshot({ texts: false, onDocumentRead, readAnnotationFile: layerFiles.read });
  } finally {
    layerFiles.doneReading();
  }
  const { unsaved } = order;
  if (unsaved) {
    for (const document of snapshot.documents) {
      const mine = unsaved.annotations[document.meta.id];
      if (mine) document.annotations = [...document.annotations.filter((a) => a.annotator !== unsaved.annotator), ...mine];
    }
    if (unsaved.links) snapshot.links = [...snapshot.links.filter((l) => l.annotator !== unsaved.annotator), ...unsaved.links];
  }
  const names: Record<string, string> = {};
  for (const identity of await readAnnotatorIdentities(order.dir)) names[identity.id] = identity.name;
  return { snapshot, names: { ...names, ...order.names } };
}
