import { randomUUID } from 'node:crypto';
import type { MethodInput, RemovedAnnotations } from '../../../shared/api/contract/index.js';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import type { Annotation, TextFragment, TextRange } from '../../../shared/model/annotation.js';
import type { DocumentMeta } from '../../../shared/model/document.js';
import type { Link } from '../../../shared/model/link.js';
import { fragmentAt, InvalidRangeError } from '../../../shared/text/text-quote.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import { refusalOfOtherLayer, refuseMissingAnnotation } from '../team/other-layers.js';

/** When edits happen: the clock an edit records besides what changed (who edits is the store's annotator). */
export interface EditContext {
  now: () => Date;
}

/**
 * Creating, changing, deleting and restoring annotations beyond the single create/delete of the
 * walking skeleton: batches (label every search hit), relabelling, resizing, attributes and notes,
 * and putting back exactly what an undo needs. Every method resolves once the write is durable.
 */
export class AnnotationEditing {
  /** Edits the annotations of the workspace held by `store`. */
  constructor(
    private readonly store: WorkspaceStore,
    private readonly context: EditContext,
  ) {}

  /** See the contract's `createAnnotations`. */
  async createAnnotations({ documentId, items }: MethodInput<'createAnnotations'>): Promise<Annotation[]> {
    const meta = this.store.requireDocument(documentId);
    const text = await this.store.readText(documentId);
    const timestamp = this.context.now().toISOString();
    const created = items.map(({ labelId, ranges }): Annotation => {
      this.requireLabel(labelId);
      return {
        id: randomUUID(),
        documentId,
        labelId,
        fragments: fragmentsOf(text, ranges),
        contentHash: meta.contentHash,
        attributes: {},
        note: '',
        author: this.store.annotator.name,
        annotator: this.store.annotator.id,
        createdAt: timestamp,
        updatedAt: timestamp,
        orphaned: false,
      };
    });
    await this.store.updateAnnotations(documentId, (current) => [...current, ...created]);
    return created;
  }

  /** See the contract's `updateAnnotation`. */
  async updateAnnotation(input: MethodInput<'updateAnnotation'>): Promise<Annotation> {
    const { documentId, annotationId } = input;
    this.store.requireDocument(documentId);
    const current = (await this.store.readAnnotations(documentId)).find((a) => a.id === annotationId);
    if (!current) return refuseMissingAnnotation(this.store, documentId, [annotationId]);
    if (input.labelId !== undefined) this.requireLabel(input.labelId);
    const updated: Annotation = {
      ...current,
      labelId: input.labelId ?? current.labelId,
      fragments: input.ranges ? fragmentsOf(await this.store.readText(documentId), input.ranges) : current.fragments,
      attributes: input.attributes ?? current.attributes,
      note: input.note ?? current.note,
      updatedAt: this.context.now().toISOString(),
    };
    await this.store.updateAnnotations(documentId, (list) => list.map((a) => (a.id === annotationId ? updated : a)));
    return updated;
  }

  /** See the contract's `deleteAnnotations`. */
  async deleteAnnotations({ documentId, annotationIds }: MethodInput<'deleteAnnotations'>): Promise<RemovedAnnotations> {
    this.store.requireDocument(documentId);
    const ids = new Set(annotationIds);
    const removedAnnotations = (await this.store.readAnnotations(documentId)).filter((a) => ids.has(a.id));
    if (removedAnnotations.length === 0) return refuseMissingAnnotation(this.store, documentId, annotationIds);
    await this.store.updateAnnotations(documentId, (list) => list.filter((a) => !ids.has(a.id)));
    const removedLinks = await this.removeLinksOf(ids);
    return { removedAnnotations, removedLinks };
  }

  /** Deletes every annotation with one of `labelIds` in any document, with their links. */
  async deleteAnnotationsWithLabels(labelIds: ReadonlySet<string>): Promise<RemovedAnnotations> {
    const removedAnnotations: Annotation[] = [];
    for (const meta of this.store.workspace.documents) {
      const doomed = (await this.store.readAnnotations(meta.id)).filter((a) => labelIds.has(a.labelId));
      if (doomed.length === 0) continue;
      removedAnnotations.push(...doomed);
      await this.store.updateAnnotations(meta.id, (list) => list.filter((a) => !labelIds.has(a.labelId)));
    }
    const removedLinks = await this.removeLinksOf(new Set(removedAnnotations.map((a) => a.id)));
    return { removedAnnotations, removedLinks };
  }

  /** See the contract's `restoreAnnotations`. */
  async restoreAnnotations({ annotations, links }: MethodInput<'restoreAnnotations'>) {
    const foreign = [...annotations, ...links].find((item) => item.annotator !== this.store.annotator.id);
    if (foreign) throw await refusalOfOtherLayer(this.store, foreign.annotator);
    const byDocument = new Map<string, Annotation[]>();
    for (const annotation of annotations) {
      const meta = this.store.requireDocument(annotation.documentId);
      if (annotation.contentHash !== meta.contentHash) {
        throw new WorkbenchError('conflict', 'That annotation was made on a different version of the article.');
      }
      const text = await this.store.readText(meta.id);
      for (const fragment of annotation.fragments) {
        if (fragment.end > text.length || text.slice(fragment.start, fragment.end) !== fragment.exact) {
          throw new WorkbenchError('conflict', 'That annotation no longer fits the article text.');
        }
      }
      byDocument.set(meta.id, [...(byDocument.get(meta.id) ?? []), annotation]);
    }
    for (const [documentId, restored] of byDocument) {
      const ids = new Set(restored.map((a) => a.id));
      await this.store.updateAnnotations(documentId, (list) => [...list.filter((a) => !ids.has(a.id)), ...restored]);
    }
    const present = new Set(this.store.linkLayer.links.map((l) => l.id));
    const missing = links.filter((l) => !present.has(l.id));
    // A restored link must never point at nothing: both of its annotations have to exist.
    for (const link of missing) {
      for (const end of [link.source, link.target]) {
        const exists = this.store.findDocument(end.documentId) && (await this.store.readAnnotations(end.documentId)).some((a) => a.id === end.annotationId);
        if (!exists) throw new WorkbenchError('conflict', 'That link cannot come back: one of its annotations no longer exists.');
      }
    }
    if (missing.length > 0) {
      await this.store.updateLinkLayer((layer) => {
        layer.links.push(...missing);
      });
    }
    return { restoredAnnotations: annotations.length, restoredLinks: missing.length };
  }

  private async removeLinksOf(annotationIds: ReadonlySet<string>): Promise<Link[]> {
    const touches = (link: Link) => annotationIds.has(link.source.annotationId) || annotationIds.has(link.target.annotationId);
    const removed = this.store.linkLayer.links.filter(touches);
    if (removed.length > 0) {
      await this.store.updateLinkLayer((layer) => {
        layer.links = layer.links.filter((l) => !touches(l));
      });
    }
    return removed;
  }


  private requireLabel(labelId: string): void {
    if (!this.store.workspace.labels.some((l) => l.id === labelId)) {
      throw new WorkbenchError('invalid-input', `There is no label "${labelId}" in this workspace.`);
    }
  }
}

/** The stored fragments of `ranges` of `text`: sorted, not overlapping, each a valid range. */
export function fragmentsOf(text: string, ranges: readonly TextRange[]): TextFragment[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  sorted.forEach((range, i) => {
    const previous = sorted[i - 1];
    if (previous && range.start < previous.end) {
      throw new WorkbenchError('invalid-input', 'The pieces of one annotation must not overlap.');
    }
  });
  try {
    return sorted.map((range) => fragmentAt(text, range));
  } catch (error) {
    if (error instanceof InvalidRangeError) throw new WorkbenchError('invalid-input', error.message);
    throw error;
  }
}
