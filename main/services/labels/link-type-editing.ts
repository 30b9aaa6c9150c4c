import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import type { LinkType } from '../../../shared/model/label-schema.js';
import type { Link } from '../../../shared/model/link.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import { otherLayersUsingLinkTypes, refuseRemovingWhatOthersUse } from '../team/shared-schema-in-use.js';

/** What saving the link types did. */
export interface SavedLinkTypes {
  linkTypes: LinkType[];
  /** Links deleted with the types that were removed (so undo can bring them back). */
  removedLinks: Link[];
}

/**
 * Edits the workspace's link types, like labels: names, colours, direction, descriptions and which
 * labels a type connects. Ids must be unique and label restrictions must name existing labels; a type
 * still used by links is only removed when the caller confirms, and its links go with it.
 */
export async function saveLinkTypes(store: WorkspaceStore, linkTypes: readonly LinkType[], deleteLinksOfRemovedTypes: boolean): Promise<SavedLinkTypes> {
  const ids = new Set<string>();
  const labelIds = new Set(store.workspace.labels.map((l) => l.id));
  for (const type of linkTypes) {
    if (ids.has(type.id)) throw new WorkbenchError('invalid-input', `Two link types have the id "${type.id}".`);
    ids.add(type.id);
    const unknown = type.allowedLabels.filter((id) => !labelIds.has(id));
    if (unknown.length > 0) throw new WorkbenchError('invalid-input', `"${type.name}" names labels that do not exist: ${unknown.join(', ')}.`);
  }
  const removedTypes = new Set(store.workspace.linkTypes.map((t) => t.id).filter((id) => !ids.has(id)));
  await refuseRemovingWhatOthersUse(store, 'link type', await otherLayersUsingLinkTypes(store, removedTypes));
  const removedLinks = store.linkLayer.links.filter((l) => !ids.has(l.typeId));
  if (removedLinks.length > 0 && !deleteLinksOfRemovedTypes) {
    const names = [...new Set(removedLinks.map((l) => store.workspace.linkTypes.find((t) => t.id === l.typeId)?.name ?? l.typeId))];
    throw new WorkbenchError(
      'conflict',
      `${removedLinks.length} ${removedLinks.length === 1 ? 'link uses' : 'links use'} ${names.map((n) => `"${n}"`).join(', ')}: confirm to delete them with the type.`,
    );
  }
  if (removedLinks.length > 0) {
    await store.updateLinkLayer((layer) => {
      layer.links = layer.links.filter((l) => ids.has(l.typeId));
    });
  }
  await store.updateWorkspace((workspace) => {
    workspace.linkTypes = structuredClone([...linkTypes]);
  });
  return { linkTypes: structuredClone([...linkTypes]), removedLinks };
}
