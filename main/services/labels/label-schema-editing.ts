import type { MethodInput, MethodOutput } from '../../../shared/api/contract/index.js';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import type { Label } from '../../../shared/model/label-schema.js';
import type { AnnotationEditing } from '../annotations/annotation-editing.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import { otherLayersUsingLabels, refuseRemovingWhatOthersUse } from '../team/shared-schema-in-use.js';

/**
 * Editing a workspace's label schema. Annotations refer to labels by id, so renaming or recolouring
 * a label changes every annotation's appearance without touching them; removing a label that is in
 * use deletes its annotations only when the caller says so (the UI asks the person first).
 */
export class LabelSchemaEditing {
  /** Edits the labels of the workspace held by `store`, deleting annotations through `annotations`. */
  constructor(
    private readonly store: WorkspaceStore,
    private readonly annotations: AnnotationEditing,
  ) {}

  /** See the contract's `saveLabels`. */
  async saveLabels({ labels, deleteAnnotationsOfRemovedLabels }: MethodInput<'saveLabels'>): Promise<MethodOutput<'saveLabels'>> {
    checkLabels(labels);
    const kept = new Set(labels.map((l) => l.id));
    const removedIds = new Set(this.store.workspace.labels.map((l) => l.id).filter((id) => !kept.has(id)));
    await refuseRemovingWhatOthersUse(this.store, 'label', await otherLayersUsingLabels(this.store, removedIds));
    const inUse = await this.countAnnotationsWithLabels(removedIds);
    if (inUse > 0 && !deleteAnnotationsOfRemovedLabels) {
      throw new WorkbenchError(
        'conflict',
        `${inUse} ${inUse === 1 ? 'annotation uses' : 'annotations use'} a label being removed; confirm to delete them.`,
      );
    }
    const removed =
      inUse > 0 ? await this.annotations.deleteAnnotationsWithLabels(removedIds) : { removedAnnotations: [], removedLinks: [] };
    await this.store.updateWorkspace((workspace) => {
      workspace.labels = structuredClone(labels);
    });
    return { ...removed, labels: this.store.workspace.labels };
  }

  private async countAnnotationsWithLabels(labelIds: ReadonlySet<string>): Promise<number> {
    if (labelIds.size === 0) return 0;
    let count = 0;
    for (const meta of this.store.workspace.documents) {
      for (const annotation of await this.store.readAnnotations(meta.id)) if (labelIds.has(annotation.labelId)) count++;
    }
    return count;
  }
}

/** Refuses a schema with repeated ids, names or hotkeys, or a label with repeated attribute names. */
export function checkLabels(labels: readonly Label[]): void {
  const repeated = (values: string[]) => values.find((v, i) => values.indexOf(v) !== i);
  const id = repeated(labels.map((l) => l.id));
  if (id !== undefined) throw new WorkbenchError('invalid-input', `Two labels have the id "${id}".`);
  const name = repeated(labels.map((l) => l.name.trim().toLowerCase()));
  if (name !== undefined) throw new WorkbenchError('invalid-input', `Two labels are called "${name}".`);
  const hotkey = repeated(labels.map((l) => l.hotkey).filter((k) => k !== ''));
  if (hotkey !== undefined) throw new WorkbenchError('invalid-input', `Two labels use the key "${hotkey}".`);
  for (const label of labels) {
    const attribute = repeated(label.attributes.map((a) => a.name));
    if (attribute !== undefined) throw new WorkbenchError('invalid-input', `${label.name} has two attributes called "${attribute}".`);
  }
}
