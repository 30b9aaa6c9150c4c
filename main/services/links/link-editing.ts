import { randomUUID } from 'node:crypto';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import type { Annotation } from '../../../shared/model/annotation.js';
import type { LinkType } from '../../../shared/model/label-schema.js';
import type { Link, LinkEnd, ResolvedLink, ResolvedLinkEnd } from '../../../shared/model/link.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import { otherLayerHolding, refusalOfOtherLayer } from '../team/other-layers.js';

/** What a new link needs. */
export interface NewLink {
  typeId: string;
  source: LinkEnd;
  target: LinkEnd;
  note?: string | undefined;
}

/** Whether two links connect the same two annotations with the same type (either way round when undirected). */
export function sameConnection(a: Pick<Link, 'typeId' | 'source' | 'target'>, b: Pick<Link, 'typeId' | 'source' | 'target'>, type: LinkType): boolean {
  if (a.typeId !== b.typeId) return false;
  const same = (x: LinkEnd, y: LinkEnd) => x.annotationId === y.annotationId && x.documentId === y.documentId;
  return (same(a.source, b.source) && same(a.target, b.target)) || (!type.directed && same(a.source, b.target) && same(a.target, b.source));
}

/**
 * Checks a new link against the workspace: both annotations exist, they differ, the type exists and
 * allows both labels, and no identical link is there already. Throws a WorkbenchError saying what
 * is wrong in words an editor understands.
 */
export function validateNewLink(
  candidate: NewLink,
  context: { linkTypes: readonly LinkType[]; links: readonly Link[]; source: Annotation | undefined; target: Annotation | undefined },
): LinkType {
  const type = context.linkTypes.find((t) => t.id === candidate.typeId);
  if (!type) throw new WorkbenchError('invalid-input', `There is no link type "${candidate.typeId}" in this workspace.`);
  if (!context.source || !context.target) {
    throw new WorkbenchError('not-found', 'One of the two annotations no longer exists.');
  }
  if (candidate.source.annotationId === candidate.target.annotationId) {
    throw new WorkbenchError('invalid-input', 'An annotation cannot be linked to itself.');
  }
  if (type.allowedLabels.length > 0) {
    for (const annotation of [context.source, context.target]) {
      if (!type.allowedLabels.includes(annotation.labelId)) {
        throw new WorkbenchError(
          'invalid-input',
          `A "${type.name}" link connects only ${type.allowedLabels.join(', ')} annotations, not ${annotation.labelId}.`,
        );
      }
    }
  }
  if (context.links.some((link) => sameConnection(link, candidate, type))) {
    throw new WorkbenchError('conflict', `These two annotations are already linked as "${type.name}".`);
  }
  return type;
}

/** Creates links, deletes them and resolves them for display, over one workspace store. */
export class LinkEditing {
  /** Edits the links of `store`. */
  constructor(
    private readonly store: WorkspaceStore,
    private readonly now: () => Date,
  ) {}

  /** Validates and stores a new link; resolves once it is durably saved. */
  async create(candidate: NewLink): Promise<Link> {
    const [source, target] = await Promise.all([this.annotation(candidate.source), this.annotation(candidate.target)]);
    await this.refuseOtherLayers([candidate.source, candidate.target], [source, target]);
    validateNewLink(candidate, { linkTypes: this.store.workspace.linkTypes, links: this.store.linkLayer.links, source, target });
    const timestamp = this.now().toISOString();
    const link: Link = {
      id: randomUUID(),
      typeId: candidate.typeId,
      source: { documentId: candidate.source.documentId, annotationId: candidate.source.annotationId },
      target: { documentId: candidate.target.documentId, annotationId: candidate.target.annotationId },
      note: candidate.note ?? '',
      author: this.store.annotator.name,
      annotator: this.store.annotator.id,
      createdAt: timestamp,
      updatedAt: timestamp,
    };
    await this.store.updateLinkLayer((layer) => {
      layer.links.push(link);
    });
    return link;
  }

  /** Changes a link's type or note, or reverses it (its source becomes its target: "A supports B" becomes "B supports A"). */
  async update(linkId: string, change: { typeId?: string | undefined; note?: string | undefined; reverse?: boolean | undefined }): Promise<Link> {
    const existing = this.requireLink(linkId);
    const [from, to] = change.reverse ? [existing.target, existing.source] : [existing.source, existing.target];
    if ((change.typeId !== undefined && change.typeId !== existing.typeId) || change.reverse) {
      const others = this.store.linkLayer.links.filter((l) => l.id !== linkId);
      const [source, target] = await Promise.all([this.annotation(from), this.annotation(to)]);
      const candidate = { ...existing, source: from, target: to, typeId: change.typeId ?? existing.typeId };
      validateNewLink(candidate, { linkTypes: this.store.workspace.linkTypes, links: others, source, target });
    }
    const updated: Link = {
      ...existing,
      source: from,
      target: to,
      typeId: change.typeId ?? existing.typeId,
      note: change.note ?? existing.note,
      updatedAt: this.now().toISOString(),
    };
    await this.store.updateLinkLayer((layer) => {
      layer.links = layer.links.map((l) => (l.id === linkId ? updated : l));
    });
    return updated;
  }

  /** Deletes a link; resolves once that is durably saved. */
  async remove(linkId: string): Promise<Link> {
    const existing = this.requireLink(linkId);
    await this.store.updateLinkLayer((layer) => {
      layer.links = layer.links.filter((l) => l.id !== linkId);
    });
    return existing;
  }

  /** Every link touching `documentId` (or all links), with both ends resolved. */
  async resolved(documentId?: string): Promise<ResolvedLink[]> {
    const links = this.store.linkLayer.links.filter(
      (l) => documentId === undefined || l.source.documentId === documentId || l.target.documentId === documentId,
    );
    const result: ResolvedLink[] = [];
    for (const link of links) {
      const [source, target] = await Promise.all([this.resolveEnd(link.source), this.resolveEnd(link.target)]);
      if (source && target) result.push({ link, source, target });
    }
    return result;
  }

  private requireLink(linkId: string): Link {
    const link = this.store.linkLayer.links.find((l) => l.id === linkId);
    if (!link) throw new WorkbenchError('not-found', 'That link no longer exists.');
    return link;
  }

  /** Links join annotations of my own layer: an end in another annotator's layer is refused, naming them. */
  private async refuseOtherLayers(ends: readonly LinkEnd[], found: readonly (Annotation | undefined)[]): Promise<void> {
    for (const [i, end] of ends.entries()) {
      if (found[i]) continue;
      const other = await otherLayerHolding(this.store, end.documentId, end.annotationId);
      if (other !== null) throw await refusalOfOtherLayer(this.store, other);
    }
  }

  private async annotation(end: LinkEnd): Promise<Annotation | undefined> {
    if (!this.store.findDocument(end.documentId)) return undefined;
    return (await this.store.readAnnotations(end.documentId)).find((a) => a.id === end.annotationId);
  }

  private async resolveEnd(end: LinkEnd): Promise<ResolvedLinkEnd | null> {
    const meta = this.store.findDocument(end.documentId);
    const annotation = await this.annotation(end);
    if (!meta || !annotation) return null;
    return {
      ...end,
      documentTitle: meta.title,
      labelId: annotation.labelId,
      text: annotation.fragments.map((f) => f.exact).join(' … '),
    };
  }
}
