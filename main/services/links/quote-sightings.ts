import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import type { QuoteSighting } from '../../../shared/model/link-views.js';
import { QuoteIndex } from '../../../shared/search/quote-index.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';

/** How many other articles a search reports at most. */
const MAX_SIGHTINGS = 20;

/**
 * Finds where an annotation's text also appears in the workspace's other articles, tolerating small
 * wording drift (docs/PERFORMANCE.md W6): the candidates an editor links as `same` or `paraphrase`. The
 * index is built on first use and rebuilt when the set of documents changes.
 */
export class QuoteSightings {
  private index: { signature: string; ids: string[]; index: QuoteIndex } | null = null;

  /** Searches the articles of `store`. */
  constructor(private readonly store: WorkspaceStore) {}

  /** The other articles carrying (about) the text of `annotationId`, best match first. */
  async find(documentId: string, annotationId: string, maxErrorRate = 0.2): Promise<QuoteSighting[]> {
    const annotation = this.store.findDocument(documentId)
      ? (await this.store.readAnnotations(documentId)).find((a) => a.id === annotationId)
      : undefined;
    if (!annotation) throw new WorkbenchError('not-found', 'That annotation no longer exists.');
    const quote = annotation.fragments.map((f) => f.exact).join(' ');
    const { ids, index } = await this.currentIndex();
    const exclude = new Set([ids.indexOf(documentId)]);
    const sightings: QuoteSighting[] = [];
    while (sightings.length < MAX_SIGHTINGS) {
      const match = index.find(quote, { maxErrorRate, exclude });
      if (!match) break;
      exclude.add(match.documentIndex);
      const id = ids[match.documentIndex]!;
      const text = await this.store.readText(id);
      const existing = (await this.store.readAnnotations(id)).find(
        (a) => a.fragments.length === 1 && a.fragments[0]!.start === match.start && a.fragments[0]!.end === match.end,
      );
      sightings.push({
        documentId: id,
        documentTitle: this.store.findDocument(id)!.title,
        start: match.start,
        end: match.end,
        text: text.slice(match.start, match.end),
        errors: match.errors,
        annotationId: existing?.id ?? null,
      });
    }
    return sightings;
  }

  private async currentIndex(): Promise<{ ids: string[]; index: QuoteIndex }> {
    const ids = this.store.workspace.documents.map((d) => d.id);
    const signature = this.store.workspace.documents.map((d) => `${d.id}:${d.contentHash}`).join('|');
    if (this.index?.signature !== signature) {
      const texts = await Promise.all(ids.map((id) => this.store.readText(id)));
      this.index = { signature, ids, index: new QuoteIndex(texts) };
    }
    return this.index;
  }
}
