import type { WorkbenchApi } from '../../../shared/api/contract/index.js';
import type { AnnotationEditing } from '../annotations/annotation-editing.js';
import type { ServiceContext } from '../service-context.js';
import { LabelSchemaEditing } from './label-schema-editing.js';
import { saveLinkTypes } from './link-type-editing.js';

/** The labels domain: the label schema and the link types. */
export type LabelsService = Pick<WorkbenchApi, 'saveLabels' | 'saveLinkTypes'>;

/** The labels services; removing a label in use deletes its annotations through `editing`. */
export function labelsService({ store }: ServiceContext, editing: AnnotationEditing): LabelsService {
  const labels = new LabelSchemaEditing(store, editing);
  return {
    saveLabels: (input) => labels.saveLabels(input),
    saveLinkTypes: async ({ linkTypes, deleteLinksOfRemovedTypes }) => saveLinkTypes(store, linkTypes, deleteLinksOfRemovedTypes),
  };
}
