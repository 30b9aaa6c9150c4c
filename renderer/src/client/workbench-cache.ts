import type { MethodInput, OpenedDocument, RemovedAnnotations, WorkbenchApi, WorkspaceInfo } from '../../../shared/api/contract/index.js';
import type { Annotation } from '../../../shared/model/annotation.js';
import { putInDocumentOrder } from '../../../shared/model/document-order.js';
import type { DocumentMeta, DocumentSummary } from '../../../shared/model/document.js';
import type { Label, LinkType } from '../../../shared/model/label-schema.js';
import type { Link, ResolvedLink, ResolvedLinkEnd } from '../../../shared/model/link.js';

/** What the renderer knows of the workspace, as one immutable snapshot (a new object on every change). */
export interface WorkbenchState {
  /** The workspace's description (labels, link types, read-only), once loaded. */
  workspace: WorkspaceInfo | null;
  /** Every document in import order, with its annotation count. */
  documents: readonly DocumentSummary[];
  /** The documents opened for reading (the reader's and the compared one), annotations in document order. */
  opened: ReadonlyMap<string, OpenedDocument>;
  /** The links touching a document, for the documents whose links were asked for. */
  links: ReadonlyMap<string, readonly ResolvedLink[]>;
  /** Goes up whenever any link may have changed, so views over every link (clusters, contradictions) reload. */
  linksRevision: number;
}

/** How many opened documents are kept at most (the reader, the compared article, and the last one of each). */
const MAX_OPENED = 4;

const EMPTY: WorkbenchState = { workspace: null, documents: [], opened: new Map(), links: new Map(), linksRevision: 0 };

/**
 * The renderer's one view of the workspace and the only way it changes it. Reads are fetched once and
 * kept; every mutation goes to the services and its result is applied here, so an edit costs one
 * request and the views update from what the services returned (a label key press sends
 * `createAnnotations` and nothing else). Views subscribe to the snapshot (`subscribe`/`state`, the shape
 * React's `useSyncExternalStore` takes).
 */
export class WorkbenchCache {
  private current: WorkbenchState = EMPTY;
  private readonly listeners = new Set<() => void>();
  private readonly linkRequests = new Map<string, Promise<readonly ResolvedLink[]>>();
  private readonly openRequests = new Map<string, Promise<OpenedDocument>>();

  /** A cache over the services reached through `api`. */
  constructor(readonly api: WorkbenchApi) {}

  /** The current snapshot. */
  readonly state = (): WorkbenchState => this.current;

  /** Calls `listener` after every change; returns how to stop. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Loads (or reloads) the workspace and its document list; opened documents and links are read again when asked for. */
  async load(): Promise<WorkspaceInfo> {
    const [workspace, documents] = await Promise.all([this.api.getWorkspace(), this.api.listDocuments()]);
    this.linkRequests.clear();
    this.openRequests.clear();
    this.update({ workspace, documents, opened: new Map(), links: new Map(), linksRevision: this.current.linksRevision + 1 });
    return workspace;
  }

  /**
   * The document's text, metadata and annotations: from the cache, else read once (concurrent askers
   * share the request). Its links are read alongside, so focusing an annotation later asks for nothing.
   */
  async open(documentId: string): Promise<OpenedDocument> {
    void this.linksOf(documentId).catch(() => undefined);
    const known = this.current.opened.get(documentId);
    if (known) {
      this.keepOpened(known);
      return known;
    }
    let request = this.openRequests.get(documentId);
    if (!request) {
      request = this.api.openDocument({ documentId }).finally(() => this.openRequests.delete(documentId));
      this.openRequests.set(documentId, request);
      const document = await request;
      this.keepOpened(document);
      this.patchSummary(documentId, (summary) => ({ ...summary, annotationCount: document.annotations.length }));
      return document;
    }
    return request;
  }

  /** An annotation of an opened document, as last saved. */
  annotation(documentId: string, annotationId: string): Annotation | undefined {
    return this.current.opened.get(documentId)?.annotations.find((a) => a.id === annotationId);
  }

  /** Reads a document's annotations again (after a failed save the services hold edits the renderer never heard back about). */
  async reloadAnnotations(documentId: string): Promise<void> {
    if (!this.current.opened.has(documentId)) return;
    const annotations = await this.api.listAnnotations({ documentId });
    const document = this.current.opened.get(documentId);
    if (document) this.keepOpened({ ...document, annotations });
    this.patchSummary(documentId, (summary) => ({ ...summary, annotationCount: annotations.length }));
  }

  /** The links touching a document: from the cache, else read once (concurrent askers share the request). */
  linksOf(documentId: string): Promise<readonly ResolvedLink[]> {
    const known = this.current.links.get(documentId);
    if (known) return Promise.resolve(known);
    let request = this.linkRequests.get(documentId);
    if (!request) {
      request = this.api.listLinks({ documentId }).then(
        (links) => {
          if (this.linkRequests.get(documentId) === request) {
            this.linkRequests.delete(documentId);
            this.setLinks(documentId, links);
          }
          return links;
        },
        (error: unknown) => {
          this.linkRequests.delete(documentId);
          throw error;
        },
      );
      this.linkRequests.set(documentId, request);
    }
    return request;
  }

  // --- Mutations: one request each, the result applied to the snapshot. ---

  /** Creates annotations (one per item) and shows them. */
  async createAnnotations(input: MethodInput<'createAnnotations'>): Promise<Annotation[]> {
    const created = await this.api.createAnnotations(input);
    this.putAnnotations(created, 'new');
    return created;
  }

  /** Changes one annotation and shows the change (in its document and at the ends of its links). */
  async updateAnnotation(input: MethodInput<'updateAnnotation'>): Promise<Annotation> {
    const after = await this.api.updateAnnotation(input);
    this.putAnnotations([after], 'existing');
    return after;
  }

  /** Deletes annotations with their links; returns exactly what was removed (for undo). */
  async deleteAnnotations(input: MethodInput<'deleteAnnotations'>): Promise<RemovedAnnotations> {
    const removed = await this.api.deleteAnnotations(input);
    this.dropAnnotations(removed.removedAnnotations);
    this.dropLinks(removed.removedLinks.map((l) => l.id));
    return removed;
  }

  /** Puts annotations and links back exactly as given (undo and redo). */
  async restoreAnnotations(input: MethodInput<'restoreAnnotations'>): Promise<void> {
    await this.api.restoreAnnotations(input);
    // Counts of documents not open cannot be worked out here (a restore may replace or add).
    const unknownCounts = input.annotations.some((a) => !this.current.opened.has(a.documentId));
    this.putAnnotations(input.annotations, 'unknown');
    if (input.links.length > 0) this.forgetLinksOf(input.links);
    if (unknownCounts) this.update({ documents: await this.api.listDocuments() });
  }

  /** Replaces the label schema; annotations of removed labels go when `deleteAnnotationsOfRemovedLabels`. */
  async saveLabels(input: MethodInput<'saveLabels'>): Promise<RemovedAnnotations & { labels: Label[] }> {
    const result = await this.api.saveLabels(input);
    this.patchWorkspace({ labels: result.labels });
    this.dropAnnotations(result.removedAnnotations);
    this.dropLinks(result.removedLinks.map((l) => l.id));
    return result;
  }

  /** Links two annotations. */
  async createLink(input: MethodInput<'createLink'>): Promise<Link> {
    const link = await this.api.createLink(input);
    this.forgetLinksOf([link]);
    return link;
  }

  /** Changes a link's type or note. */
  async updateLink(input: MethodInput<'updateLink'>): Promise<Link> {
    const link = await this.api.updateLink(input);
    this.mapLinks((resolved) => {
      if (resolved.link.id !== link.id) return resolved;
      // A reversed link's ends swap places.
      const swapped = resolved.source.annotationId !== link.source.annotationId;
      return swapped ? { link, source: resolved.target, target: resolved.source } : { ...resolved, link };
    });
    return link;
  }

  /** Deletes a link; returns it as it was (for undo). */
  async deleteLink(input: MethodInput<'deleteLink'>): Promise<Link> {
    const link = await this.api.deleteLink(input);
    this.dropLinks([link.id]);
    return link;
  }

  /** Replaces the link types; links of removed types go when `deleteLinksOfRemovedTypes`. */
  async saveLinkTypes(input: MethodInput<'saveLinkTypes'>): Promise<{ linkTypes: LinkType[]; removedLinks: Link[] }> {
    const result = await this.api.saveLinkTypes(input);
    this.patchWorkspace({ linkTypes: [...input.linkTypes] });
    this.dropLinks(result.removedLinks.map((l) => l.id));
    return result;
  }

  /** Names a cluster (the clusters view reads clusters itself). */
  async nameCluster(input: MethodInput<'nameCluster'>): Promise<void> {
    await this.api.nameCluster(input);
    this.update({ linksRevision: this.current.linksRevision + 1 });
  }

  /** Changes a document's details, shown everywhere its title is. */
  async updateDocumentMeta(input: MethodInput<'updateDocumentMeta'>): Promise<DocumentMeta> {
    const meta = await this.api.updateDocumentMeta(input);
    this.patchSummary(meta.id, (summary) => ({ ...summary, title: meta.title, outlet: meta.outlet, date: meta.date }));
    const document = this.current.opened.get(meta.id);
    if (document) this.replaceOpened({ ...document, meta });
    const retitle = (end: ResolvedLinkEnd) => (end.documentId === meta.id ? { ...end, documentTitle: meta.title } : end);
    this.mapLinks((resolved) => ({ ...resolved, source: retitle(resolved.source), target: retitle(resolved.target) }));
    return meta;
  }

  // --- Applying results ---

  /**
   * Shows new or changed annotations. `kind` says whether they are new (a document not open counts
   * them), replace existing ones, or may be either (restores: the caller reads the counts again).
   */
  private putAnnotations(annotations: readonly Annotation[], kind: 'new' | 'existing' | 'unknown'): void {
    if (annotations.length === 0) return;
    const opened = new Map(this.current.opened);
    const documents = new Map(this.current.documents.map((d) => [d.id, d]));
    for (const [documentId, mine] of groupByDocument(annotations)) {
      const document = opened.get(documentId);
      if (!document) {
        const summary = documents.get(documentId);
        // New annotations in a document not open (annotate and link) are counted without reading it.
        if (summary && summary.annotationCount !== null && kind === 'new') {
          documents.set(documentId, { ...summary, annotationCount: summary.annotationCount + mine.length });
        }
        continue;
      }
      const before = document.annotations.length;
      const next = putInDocumentOrder(document.annotations, mine);
      opened.set(documentId, { ...document, annotations: next });
      const summary = documents.get(documentId);
      if (summary && next.length !== before) documents.set(documentId, { ...summary, annotationCount: next.length });
    }
    this.update({ opened, documents: this.current.documents.map((d) => documents.get(d.id) ?? d) });
    const byId = new Map(annotations.map((a) => [a.id, a]));
    const refresh = (end: ResolvedLinkEnd) => {
      const annotation = byId.get(end.annotationId);
      return annotation ? { ...end, labelId: annotation.labelId, text: annotation.fragments.map((f) => f.exact).join(' … ') } : end;
    };
    this.mapLinks((resolved) =>
      byId.has(resolved.source.annotationId) || byId.has(resolved.target.annotationId)
        ? { ...resolved, source: refresh(resolved.source), target: refresh(resolved.target) }
        : resolved,
    );
  }

  private dropAnnotations(annotations: readonly Annotation[]): void {
    if (annotations.length === 0) return;
    const opened = new Map(this.current.opened);
    const counts = new Map<string, number>();
    for (const [documentId, mine] of groupByDocument(annotations)) {
      const ids = new Set(mine.map((a) => a.id));
      const document = opened.get(documentId);
      if (document) opened.set(documentId, { ...document, annotations: document.annotations.filter((a) => !ids.has(a.id)) });
      counts.set(documentId, ids.size);
    }
    const documents = this.current.documents.map((d) => {
      const gone = counts.get(d.id);
      return gone && d.annotationCount !== null ? { ...d, annotationCount: Math.max(0, d.annotationCount - gone) } : d;
    });
    this.update({ opened, documents });
  }

  private dropLinks(linkIds: readonly string[]): void {
    if (linkIds.length === 0) return;
    const gone = new Set(linkIds);
    const links = new Map<string, readonly ResolvedLink[]>();
    for (const [documentId, list] of this.current.links) links.set(documentId, list.filter((l) => !gone.has(l.link.id)));
    this.update({ links, linksRevision: this.current.linksRevision + 1 });
  }

  /** New links carry no resolved ends: the documents they touch read their links again when next asked. */
  private forgetLinksOf(links: readonly Link[]): void {
    const kept = new Map(this.current.links);
    for (const link of links) {
      for (const documentId of [link.source.documentId, link.target.documentId]) {
        kept.delete(documentId);
        this.linkRequests.delete(documentId);
      }
    }
    this.update({ links: kept, linksRevision: this.current.linksRevision + 1 });
  }

  private mapLinks(change: (resolved: ResolvedLink) => ResolvedLink): void {
    if (this.current.links.size === 0) return;
    const links = new Map<string, readonly ResolvedLink[]>();
    let changed = false;
    for (const [documentId, list] of this.current.links) {
      const next = list.map(change);
      changed ||= next.some((l, i) => l !== list[i]);
      links.set(documentId, next);
    }
    if (changed) this.update({ links, linksRevision: this.current.linksRevision + 1 });
  }

  private setLinks(documentId: string, list: readonly ResolvedLink[]): void {
    const links = new Map(this.current.links);
    links.set(documentId, list);
    this.update({ links });
  }

  private keepOpened(document: OpenedDocument): void {
    const opened = new Map(this.current.opened);
    opened.delete(document.meta.id);
    opened.set(document.meta.id, document);
    while (opened.size > MAX_OPENED) opened.delete(opened.keys().next().value!);
    this.update({ opened });
  }

  private replaceOpened(document: OpenedDocument): void {
    const opened = new Map(this.current.opened);
    opened.set(document.meta.id, document);
    this.update({ opened });
  }

  private patchSummary(documentId: string, change: (summary: DocumentSummary) => DocumentSummary): void {
    if (!this.current.documents.some((d) => d.id === documentId)) return;
    this.update({ documents: this.current.documents.map((d) => (d.id === documentId ? change(d) : d)) });
  }

  private patchWorkspace(changes: Partial<WorkspaceInfo>): void {
    if (this.current.workspace) this.update({ workspace: { ...this.current.workspace, ...changes } });
  }

  private update(changes: Partial<WorkbenchState>): void {
    this.current = { ...this.current, ...changes };
    for (const listener of this.listeners) listener();
  }
}

function groupByDocument(annotations: readonly Annotation[]): Map<string, Annotation[]> {
  const groups = new Map<string, Annotation[]>();
  for (const annotation of annotations) {
    const group = groups.get(annotation.documentId);
    if (group) group.push(annotation);
    else groups.set(annotation.documentId, [annotation]);
  }
  return groups;
}
