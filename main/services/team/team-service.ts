import type { Annotator, Layer, MyIdentity, WorkbenchApi } from '../../../shared/api/contract/index.js';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import { AnnotatorProfileSchema, CURATED_ANNOTATOR, identityOf, initialsOf, OWNER_ANNOTATOR, type AnnotatorIdentity } from '../../../shared/model/annotator.js';
import type { IdentitySource, UserIdentityFile } from '../../workspace/user-identity.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import type { ServiceContext } from '../service-context.js';
import { isRepository } from '../sync/team-repository.js';
import { adoptOwnerLayer } from './adopt-owner-layer.js';
import { annotatorsOf, describeAnnotator, layerAnnotations, layersOf } from './layer-queries.js';

/** The team domain: who I am, the annotators of the workspace, and their layers. */
export type TeamService = Pick<WorkbenchApi, 'getMyIdentity' | 'setMyIdentity' | 'listAnnotators' | 'openLayer' | 'listLayers'>;

/** Where my identity came from and where a new one is saved. */
export interface IdentitySettings {
  /** Where the identity the store was opened with came from. */
  source: IdentitySource;
  /** The user's settings file, where `setMyIdentity` saves; null where none is kept (the identity cannot change from the app). */
  file: UserIdentityFile | null;
}

/** The team services of the workspace in `context`. */
export function teamService({ store }: ServiceContext, settings: IdentitySettings): TeamService {
  let source = settings.source;
  const fixed = source === 'command-line' || source === 'environment';
  const myIdentity = async (): Promise<MyIdentity> => ({
    identity: store.annotator,
    source,
    changeable: !fixed && settings.file !== null,
    problem: settings.file && source === 'none' ? (await settings.file.read()).problem : null,
  });
  const layerOf = async (annotator: AnnotatorIdentity, documentId: string): Promise<Layer> => ({
    annotator: describeAnnotator(store, annotator),
    editable: annotator.id === store.annotator.id && store.documentReadOnlyReason(documentId) === null,
    annotations: [...(await layerAnnotations(store, documentId, annotator.id))],
  });
  return {
    getMyIdentity: myIdentity,

    async setMyIdentity(input) {
      const parsed = AnnotatorProfileSchema.safeParse(input);
      if (!parsed.success) throw new WorkbenchError('invalid-input', `${parsed.error.issues[0]?.message ?? 'That is not a name and email'}.`);
      const profile = parsed.data;
      if (fixed || settings.file === null) {
        throw new WorkbenchError('read-only', `Your name is set by ${source === 'environment' ? 'CORROBORATE_ANNOTATOR' : 'the command line'} here, so it cannot change from the app.`);
      }
      const identity = identityOf(profile);
      await settings.file.save(profile).catch((error: unknown) => {
        throw new WorkbenchError('storage', `Your name could not be saved in ${settings.file!.path}: ${(error as Error).message}`);
      });
      const wasOwner = store.annotator.id === OWNER_ANNOTATOR;
      await store.switchAnnotator(identity);
      source = 'settings';
      // Saying who I am for the first time: what I did as the owner is mine, and stays editable. Not
      // in a team workspace: there the owner's layer came from someone else's machine, not mine.
      if (wasOwner && !store.readOnlyReason && !(await isRepository(store.dir))) await adoptOwnerLayer(store);
      return myIdentity();
    },

    async listAnnotators() {
      return (await annotatorsOf(store)).map((a) => describeAnnotator(store, a));
    },

    async openLayer({ documentId, annotator }) {
      store.requireDocument(documentId);
      const known = (await annotatorsOf(store)).find((a) => a.id === annotator);
      if (!known && !(await layersOf(store, documentId)).includes(annotator)) {
        throw new WorkbenchError('not-found', `There is no annotator "${annotator}" in this workspace.`);
      }
      return layerOf(known ?? { id: annotator, name: annotator, email: '' }, documentId);
    },

    async listLayers({ documentId }) {
      store.requireDocument(documentId);
      const annotators = await annotatorsOf(store);
      const ids = new Set([store.annotator.id, ...(await layersOf(store, documentId))]);
      const layers: Layer[] = [];
      for (const id of ids) layers.push(await layerOf(annotators.find((a) => a.id === id) ?? { id, name: id, email: '' }, documentId));
      return layers.sort((a, b) => Number(b.annotator.isMe) - Number(a.annotator.isMe) || a.annotator.id.localeCompare(b.annotator.id));
    },
  };
}
