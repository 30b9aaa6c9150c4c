import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName } from '../../shared/api/contract/index.js';
import { dispatchCall } from '../../shared/api/dispatch-call.js';
import type { Label, LinkType } from '../../shared/model/label-schema.js';
import { TEXT_LIMITS, type TextField } from '../../shared/model/text-limits.js';
import { makeTempDir } from '../storage/test-support.js';
import { openWorkbench, type OpenWorkbench } from './open-workbench.js';

let workbench: OpenWorkbench;
let remove: () => Promise<void>;
let documentId: string;
let annotationId: string;
let otherAnnotationId: string;

beforeAll(async () => {
  const temp = await makeTempDir('text-limits');
  remove = temp.remove;
  workbench = await openWorkbench({ workspaceDir: join(temp.dir, 'ws') });
  await workbench.service.addSampleArticles();
  documentId = (await workbench.service.listDocuments())[0]!.id;
  const annotate = async (start: number, end: number) =>
    (await workbench.service.createAnnotation({ documentId, labelId: 'claim', ranges: [{ start, end }] })).id;
  annotationId = await annotate(17, 31);
  otherAnnotationId = await annotate(36, 51);
});
afterAll(async () => {
  await workbench.store.close();
  await remove();
});

const labels = () => structuredClone(workbench.store.workspace.labels) as Label[];
const linkTypes = () => structuredClone(workbench.store.workspace.linkTypes) as LinkType[];
const withLabel = (change: (label: Label) => void) => {
  const all = labels();
  change(all[0]!);
  return { labels: all, deleteAnnotationsOfRemovedLabels: false };
};
const withLinkType = (change: (type: LinkType) => void) => {
  const all = linkTypes();
  change(all[0]!);
  return { linkTypes: all, deleteLinksOfRemovedTypes: false };
};

/** For every limited field: the call that stores `text` in it, and where the contract reports it. */
const CALLS: Record<TextField, { method: MethodName; path: string; input: (text: string) => unknown }> = {
  labelId: { method: 'saveLabels', path: 'labels.0.id', input: (t) => withLabel((l) => (l.id = t)) },
  labelName: { method: 'saveLabels', path: 'labels.0.name', input: (t) => withLabel((l) => (l.name = t)) },
  labelDescription: { method: 'saveLabels', path: 'labels.0.description', input: (t) => withLabel((l) => (l.description = t)) },
  attributeName: { method: 'saveLabels', path: 'labels.0.attributes.0.name', input: (t) => withLabel((l) => (l.attributes[0]!.name = t)) },
  attributeDescription: {
    method: 'saveLabels',
    path: 'labels.0.attributes.0.description',
    input: (t) => withLabel((l) => (l.attributes[0]!.description = t)),
  },
  attributeOption: {
    method: 'saveLabels',
    path: 'labels.0.attributes.1.options.0',
    input: (t) => withLabel((l) => l.attributes[1]!.type === 'choice' && (l.attributes[1]!.options[0] = t)),
  },
  attributeValue: { method: 'updateAnnotation', path: 'attributes.claimant', input: (t) => ({ documentId, annotationId, attributes: { claimant: t } }) },
  linkTypeId: { method: 'saveLinkTypes', path: 'linkTypes.0.id', input: (t) => withLinkType((l) => (l.id = t)) },
  linkTypeName: { method: 'saveLinkTypes', path: 'linkTypes.0.name', input: (t) => withLinkType((l) => (l.name = t)) },
  linkTypeDescription: { method: 'saveLinkTypes', path: 'linkTypes.0.description', input: (t) => withLinkType((l) => (l.description = t)) },
  annotationNote: { method: 'updateAnnotation', path: 'note', input: (t) => ({ documentId, annotationId, note: t }) },
  linkNote: {
    method: 'createLink',
    path: 'note',
    input: (t) => ({ typeId: 'supports', source: { documentId, annotationId }, target: { documentId, annotationId: otherAnnotationId }, note: t }),
  },
  clusterName: { method: 'nameCluster', path: 'name', input: (t) => ({ annotationId, name: t, canonicalText: '' }) },
  canonicalText: { method: 'nameCluster', path: 'canonicalText', input: (t) => ({ annotationId, name: 'A cluster', canonicalText: t }) },
  documentTitle: { method: 'updateDocumentMeta', path: 'title', input: (t) => ({ documentId, title: t }) },
  documentOutlet: { method: 'updateDocumentMeta', path: 'outlet', input: (t) => ({ documentId, outlet: t }) },
  documentDate: { method: 'updateDocumentMeta', path: 'date', input: (t) => ({ documentId, date: t }) },
  documentUrl: { method: 'updateDocumentMeta', path: 'url', input: (t) => ({ documentId, url: t }) },
  documentAuthor: { method: 'updateDocumentMeta', path: 'author', input: (t) => ({ documentId, author: t }) },
  annotatorName: { method: 'setMyIdentity', path: 'name', input: (t) => ({ name: t, email: '' }) },
  annotatorEmail: { method: 'setMyIdentity', path: 'email', input: (t) => ({ name: 'Ana', email: `${t.slice(2)}@x` }) },
};

describe('length limits of free-text fields', () => {
  it('refuses text over the limit in every field, naming the field and the limit, and changes nothing', async () => {
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(TEXT_LIMITS).sort());
    const before = await readFile(join(workbench.workspaceDir, 'workspace.json'), 'utf8');
    for (const [field, call] of Object.entries(CALLS) as [TextField, (typeof CALLS)[TextField]][]) {
      const limit = TEXT_LIMITS[field];
      const result = await dispatchCall(workbench.api, call.method, call.input('a'.repeat(limit + 1)));
      expect(result, field).toEqual({
        ok: false,
        error: {
          code: 'invalid-input',
          message: expect.stringMatching(
            new RegExp(`^Invalid input for ${call.method}: ${call.path.replace(/\./g, '\\.')}: an? [a-zA-Z ]+ may be at most ${limit.toLocaleString('en')} characters; this one has ${(limit + 1).toLocaleString('en')}$`),
          ),
        },
      });
    }
    expect(await readFile(join(workbench.workspaceDir, 'workspace.json'), 'utf8')).toBe(before);
  });

  it('says so in words for a 15 MB label name', async () => {
    const result = await dispatchCall(workbench.api, 'saveLabels', withLabel((l) => (l.name = 'x'.repeat(15 * 1024 * 1024))));
    expect(result).toMatchObject({
      ok: false,
      error: { message: 'Invalid input for saveLabels: labels.0.name: a label name may be at most 200 characters; this one has 15,728,640' },
    });
  });

  it('accepts text exactly at the limit', async () => {
    for (const field of ['labelName', 'annotationNote', 'documentTitle', 'attributeValue'] as const) {
      const call = CALLS[field];
      const result = await dispatchCall(workbench.api, call.method, call.input('b'.repeat(TEXT_LIMITS[field])));
      expect(result.ok, `${field}: ${JSON.stringify(result).slice(0, 300)}`).toBe(true);
    }
  });
});
