import type { WorkbenchApi } from '../../../shared/api/contract/index.js';
import type { ServiceContext } from '../service-context.js';
import { LinkClusters } from './link-clusters.js';
import { LinkEditing } from './link-editing.js';
import { QuoteSightings } from './quote-sightings.js';

/** The links domain: links across articles, the clusters they form, and finding a quote elsewhere. */
export type LinksService = Pick<
  WorkbenchApi,
  'createLink' | 'updateLink' | 'deleteLink' | 'listLinks' | 'listClusters' | 'nameCluster' | 'findQuoteElsewhere'
>;

/** The links services of the workspace in `context`. */
export function linksService({ store, now }: ServiceContext): LinksService {
  const links = new LinkEditing(store, now);
  const clusters = new LinkClusters(store, now);
  const sightings = new QuoteSightings(store);
  return {
    createLink: (input) => links.create(input),
    updateLink: ({ linkId, typeId, note, reverse }) => links.update(linkId, { typeId, note, reverse }),
    deleteLink: ({ linkId }) => links.remove(linkId),
    listLinks: async ({ documentId } = {}) => links.resolved(documentId),
    listClusters: async () => clusters.list(),
    nameCluster: ({ annotationId, name, canonicalText }) => clusters.name(annotationId, name, canonicalText),
    findQuoteElsewhere: ({ documentId, annotationId, maxErrorRate }) => sightings.find(documentId, annotationId, maxErrorRate),
  };
}
