import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import { layersOfDocument, readAnnotatorIdentities, readLayerAnnotations, readLinkLayerFile } from '../../workspace/layer-reading.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import { annotatorName } from './other-layers.js';

/** How many of another annotator's annotations (or links) use what is being removed. */
type UseByAnnotator = Map<string, number>;

/** How many annotations of each other annotator's layers use one of `labelIds`. */
export async function otherLayersUsingLabels(store: WorkspaceStore, labelIds: ReadonlySet<string>): Promise<UseByAnnotator> {
  const uses: UseByAnnotator = new Map();
  if (labelIds.size === 0) return uses;
  for (const meta of store.workspace.documents) {
    for (const annotator of await layersOfDocument(store.dir, meta.id)) {
      if (annotator === store.annotator.id) continue;
      const annotations = await readLayerAnnotations(store.dir, meta, annotator).catch(() => []);
      const count = annotations.filter((a) => labelIds.has(a.labelId)).length;
      if (count > 0) uses.set(annotator, (uses.get(annotator) ?? 0) + count);
    }
  }
  return uses;
}

/** How many links of each other annotator's layer use one of `typeIds`. */
export async function otherLayersUsingLinkTypes(store: WorkspaceStore, typeIds: ReadonlySet<string>): Promise<UseByAnnotator> {
  const uses: UseByAnnotator = new Map();
  if (typeIds.size === 0) return uses;
  for (const { id } of await readAnnotatorIdentities(store.dir)) {
    if (id === store.annotator.id) continue;
    const links = (await readLinkLayerFile(store.dir, id).catch(() => null))?.links ?? [];
    const count = links.filter((l) => typeIds.has(l.typeId)).length;
    if (count > 0) uses.set(id, count);
  }
  return uses;
}

/**
 * Refuses removing labels or link types other annotators still use: the schema is shared, their
 * layers are theirs to change, and their work would be left naming something that no longer exists.
 */
export async function refuseRemovingWhatOthersUse(store: WorkspaceStore, what: 'label' | 'link type', uses: UseByAnnotator): Promise<void> {
  if (uses.size === 0) return;
  const who = await Promise.all([...uses].map(async ([annotator, count]) => `${await annotatorName(store, annotator)} (${count})`));
  throw new WorkbenchError(
    'conflict',
    `A ${what} being removed is still used in the layers of ${who.join(', ')}: a ${what} other annotators use cannot be removed; ask them to change their work first.`,
  );
}
