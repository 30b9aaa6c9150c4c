// Runs the renderer's cache over the real workspace services (Node), so it is typechecked with main/,
// not with the DOM-only renderer sources.
import { describe, expect, it } from 'vitest';
import type { MethodName } from '../../../shared/api/contract/index.js';
import { createClient } from '../../../shared/api/create-client.js';
import { dispatchCall } from '../../../shared/api/dispatch-call.js';
import { annotateSeed, endOf, useSeededWorkbench } from '../../../main/services/seed-annotations.test-support.js';
import { WorkbenchCache } from './workbench-cache.js';

// The cache runs over the real services through the real dispatch (the contract's validation and
// wire forms included); only the transport is a function call. Every call is counted.
const workbench = useSeededWorkbench('corroborate-cache-');

function cacheOverServices() {
  const calls: MethodName[] = [];
  const service = workbench().service;
  const cache = new WorkbenchCache(
    createClient((method, input) => {
      calls.push(method);
      return dispatchCall(service, method, input);
    }),
  );
  return { cache, calls, service };
}

/** What the services hold now, read afresh, in the shapes the cache keeps. */
async function freshFromServices(documentIds: readonly string[]) {
  const service = workbench().service;
  const documents = await service.listDocuments();
  const opened = await Promise.all(documentIds.map((documentId) => service.openDocument({ documentId })));
  const links = await Promise.all(documentIds.map((documentId) => service.listLinks({ documentId })));
  return { documents, opened, links };
}

async function expectSameAsServices(cache: WorkbenchCache, documentIds: readonly string[]) {
  const fresh = await freshFromServices(documentIds);
  const state = cache.state();
  expect(state.documents.map((d) => [d.id, d.annotationCount])).toEqual(fresh.documents.map((d) => [d.id, d.annotationCount]));
  documentIds.forEach((documentId, i) => {
    const opened = state.opened.get(documentId);
    if (opened) expect(opened.annotations).toEqual(fresh.opened[i]!.annotations);
    const links = state.links.get(documentId);
    if (links) expect([...links].sort((a, b) => a.link.id.localeCompare(b.link.id))).toEqual([...fresh.links[i]!].sort((a, b) => a.link.id.localeCompare(b.link.id)));
  });
}

describe('WorkbenchCache', () => {
  it('labelling is one request, and the article and its count show the result', async () => {
    const { cache, calls } = cacheOverServices();
    await cache.load();
    const [first] = cache.state().documents;
    const opened = await cache.open(first!.id);
    await cache.linksOf(first!.id);
    calls.length = 0;

    const [created] = await cache.createAnnotations({ documentId: first!.id, items: [{ labelId: 'claim', ranges: [{ start: 0, end: 5 }] }] });
    expect(calls).toEqual(['createAnnotations']);
    expect(cache.state().opened.get(first!.id)!.annotations).toEqual([created]);
    expect(cache.state().documents[0]!.annotationCount).toBe(opened.annotations.length + 1);
    await expectSameAsServices(cache, [first!.id]);
  });

  it('reading an article and its links twice asks once; concurrent askers share one request', async () => {
    const { cache, calls } = cacheOverServices();
    await cache.load();
    const id = cache.state().documents[1]!.id;
    calls.length = 0;
    const [a, b] = await Promise.all([cache.open(id), cache.open(id)]);
    expect(a).toBe(b);
    await Promise.all([cache.linksOf(id), cache.linksOf(id)]);
    await cache.open(id);
    expect(calls.sort()).toEqual(['listLinks', 'openDocument']);
  });

  it('links, edits, deletes and restores across two articles leave the cache equal to what the services hold', async () => {
    const { cache, calls, service } = cacheOverServices();
    const quote = await annotateSeed(service, '000', 'Russell');
    const other = await annotateSeed(service, '001', 'Russell');
    await cache.load();
    const ids = [quote.documentId, other.documentId];
    for (const id of ids) {
      await cache.open(id);
      await cache.linksOf(id);
    }

    const link = await cache.createLink({ typeId: 'same', source: endOf(quote), target: endOf(other) });
    // A new link carries no resolved ends: both articles read their links again, once, when asked.
    calls.length = 0;
    await Promise.all(ids.map((id) => cache.linksOf(id)));
    expect(calls).toEqual(['listLinks', 'listLinks']);
    await expectSameAsServices(cache, ids);

    // Resizing one end changes the text shown at the other article's end of the link, without a request.
    calls.length = 0;
    await cache.updateAnnotation({ documentId: quote.documentId, annotationId: quote.id, ranges: [{ start: quote.fragments[0]!.start, end: quote.fragments[0]!.end - 1 }] });
    await cache.updateLink({ linkId: link.id, note: 'same words' });
    expect(calls).toEqual(['updateAnnotation', 'updateLink']);
    await expectSameAsServices(cache, ids);

    // Deleting an annotation takes its links out of both articles' lists and lowers the count.
    calls.length = 0;
    const removed = await cache.deleteAnnotations({ documentId: other.documentId, annotationIds: [other.id] });
    expect(calls).toEqual(['deleteAnnotations']);
    expect(removed.removedLinks.map((l) => l.id)).toEqual([link.id]);
    await expectSameAsServices(cache, ids);

    // Undo: put both back exactly.
    await cache.restoreAnnotations({ annotations: removed.removedAnnotations, links: removed.removedLinks });
    await Promise.all(ids.map((id) => cache.linksOf(id)));
    await expectSameAsServices(cache, ids);
  });

  it('an annotation made in an article that is not open is counted without reading that article', async () => {
    const { cache, calls } = cacheOverServices();
    await cache.load();
    const closed = cache.state().documents[2]!;
    calls.length = 0;
    await cache.createAnnotations({ documentId: closed.id, items: [{ labelId: 'fact', ranges: [{ start: 0, end: 4 }] }] });
    expect(calls).toEqual(['createAnnotations']);
    const fresh = await freshFromServices([]);
    const counted = cache.state().documents.find((d) => d.id === closed.id)!.annotationCount;
    expect(counted).toBe((closed.annotationCount ?? 0) + 1);
    expect(counted).toBe(fresh.documents.find((d) => d.id === closed.id)!.annotationCount);
  });

  it('renaming an article shows the new title in the list, the open article and at link ends', async () => {
    const { cache, service } = cacheOverServices();
    const quote = await annotateSeed(service, '000', 'Russell');
    const other = await annotateSeed(service, '001', 'Russell');
    await service.createLink({ typeId: 'same', source: endOf(quote), target: endOf(other) });
    await cache.load();
    await cache.open(quote.documentId);
    await cache.linksOf(quote.documentId);
    await cache.updateDocumentMeta({ documentId: other.documentId, title: 'A shorter title' });
    expect(cache.state().documents.find((d) => d.id === other.documentId)!.title).toBe('A shorter title');
    expect(cache.state().links.get(quote.documentId)![0]!.target.documentTitle).toBe('A shorter title');
    await expectSameAsServices(cache, [quote.documentId]);
  });
});
