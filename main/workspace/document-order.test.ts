import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../shared/model/annotation.js';
import { putInDocumentOrder } from '../../shared/model/document-order.js';
import { useSeededWorkbench } from '../services/seed-annotations.test-support.js';

const workbench = useSeededWorkbench('corroborate-order-');

describe('document order', () => {
  it('the list the app keeps edit by edit equals what the services hold and what is on disk, with several annotations on the same words', async () => {
    const { service, store } = workbench();
    const [document] = await service.listDocuments();
    const documentId = document!.id;
    // What the renderer does: start from the opened article, put in each result as it arrives.
    let shown = (await service.openDocument({ documentId })).annotations;
    for (const labelId of ['claim', 'quote', 'fact', 'claim', 'quote', 'fact']) {
      shown = putInDocumentOrder(shown, [await service.createAnnotation({ documentId, labelId, ranges: [{ start: 10, end: 20 }] })]);
    }
    shown = putInDocumentOrder(shown, await service.createAnnotations({ documentId, items: [0, 1, 2].map(() => ({ labelId: 'fact', ranges: [{ start: 10, end: 20 }] })) }));
    shown = putInDocumentOrder(shown, [await service.createAnnotation({ documentId, labelId: 'claim', ranges: [{ start: 0, end: 5 }] })]);
    const moved = shown.find((a) => a.fragments[0]!.start === 10)!;
    shown = putInDocumentOrder(shown, [await service.updateAnnotation({ documentId, annotationId: moved.id, ranges: [{ start: 10, end: 20 }], labelId: 'quote' })]);
    expect(shown).toHaveLength(10);

    const held = (await service.openDocument({ documentId })).annotations;
    expect(shown.map((a) => a.id)).toEqual(held.map((a) => a.id));
    await store.flush();
    const onDisk = JSON.parse(await readFile(join(store.dir, 'annotations', documentId, 'owner.json'), 'utf8')) as { annotations: Annotation[] };
    expect(shown.map((a) => a.id)).toEqual(onDisk.annotations.map((a) => a.id));
  });
});
