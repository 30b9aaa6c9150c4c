import { rm } from 'node:fs/promises';
import { OWNER_ANNOTATOR } from '../../../shared/model/annotator.js';
import { assignToAnnotator } from '../../../shared/model/workspace-v1.js';
import { layersOfDocument, readLayerAnnotations, readLinkLayerFile } from '../../workspace/layer-reading.js';
import { WORKSPACE_LAYOUT, workspacePath } from '../../workspace/workspace-layout.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';

/**
 * Makes the owner's layer mine, when I say who I am for the first time: the work done before (as
 * `owner`, nobody having said who they were, or upgraded from before layers) is mine, so it stays
 * editable. Per document, the owner's annotations are saved into my file first (durably), and only
 * then is the owner's file removed; then the links and cluster names the same way. Annotations and
 * links already in my layer (same id) are not added twice, so a move interrupted by a crash is
 * finished by doing it again, and nothing is ever only in memory. Resolves to how many annotations moved.
 */
export async function adoptOwnerLayer(store: WorkspaceStore): Promise<number> {
  if (store.annotator.id === OWNER_ANNOTATOR) return 0;
  const me = store.annotator.id;
  let moved = 0;
  for (const meta of store.workspace.documents) {
    if (!(await layersOfDocument(store.dir, meta.id)).includes(OWNER_ANNOTATOR)) continue;
    const owners = await readLayerAnnotations(store.dir, meta, OWNER_ANNOTATOR);
    if (owners.length > 0) {
      await store.updateAnnotations(meta.id, (mine) => {
        const known = new Set(mine.map((a) => a.id));
        const adding = assignToAnnotator(owners.filter((a) => !known.has(a.id)), me);
        moved += adding.length;
        return [...mine, ...adding];
      });
    }
    await rm(workspacePath(store.dir, WORKSPACE_LAYOUT.annotations(meta.id, OWNER_ANNOTATOR)), { force: true });
  }
  const links = await readLinkLayerFile(store.dir, OWNER_ANNOTATOR).catch(() => null);
  if (links) {
    await store.updateLinkLayer((layer) => {
      const knownLinks = new Set(layer.links.map((l) => l.id));
      const knownNames = new Set(layer.clusterNames.map((c) => c.id));
      layer.links.push(...assignToAnnotator(links.links.filter((l) => !knownLinks.has(l.id)), me));
      layer.clusterNames.push(...assignToAnnotator(links.clusterNames.filter((c) => !knownNames.has(c.id)), me));
    });
    await rm(workspacePath(store.dir, WORKSPACE_LAYOUT.links(OWNER_ANNOTATOR)), { force: true });
  }
  return moved;
}
