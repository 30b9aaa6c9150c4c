import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultLinkTypes } from '../../../shared/model/label-schema.js';
import { openWorkbench, type OpenWorkbench } from '../open-workbench.js';
import { annotateSeed, endOf } from '../seed-annotations.test-support.js';

let root: string;
let workbench: OpenWorkbench;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'corroborate-link-types-'));
  workbench = await openWorkbench({ workspaceDir: join(root, 'ws') });
  await workbench.service.addSampleArticles();
});
afterEach(async () => {
  await workbench.store.close();
  await rm(root, { recursive: true, force: true });
});

describe('editing link types', () => {
  it('renames, recolours and adds types, keeping links by id, and persists', async () => {
    const next = defaultLinkTypes.map((t) => (t.id === 'contradicts' ? { ...t, name: 'Conflicts with', colour: '#b91c1c' } : t));
    next.push({ id: 'attributed-to', name: 'Attributed to', colour: '#0ea5e9', directed: true, description: 'Quote → speaker', allowedLabels: ['quote', 'claim'] });
    const saved = await workbench.service.saveLinkTypes({ linkTypes: next, deleteLinksOfRemovedTypes: false });
    expect(saved.removedLinks).toEqual([]);
    await workbench.store.close();
    workbench = await openWorkbench({ workspaceDir: join(root, 'ws') });
    const info = await workbench.service.getWorkspace();
    expect(info.linkTypes.map((t) => t.name)).toEqual(['Same', 'Paraphrase', 'Supports', 'Conflicts with', 'Attributed to']);
  });

  it('asks before removing a type in use, then removes its links and returns them', async () => {
    const a = await annotateSeed(workbench.service, '000', '30th lap', 'fact');
    const b = await annotateSeed(workbench.service, '003', 'lap 32', 'fact');
    await workbench.service.createLink({ typeId: 'contradicts', source: endOf(a), target: endOf(b) });
    const without = defaultLinkTypes.filter((t) => t.id !== 'contradicts');
    await expect(workbench.service.saveLinkTypes({ linkTypes: without, deleteLinksOfRemovedTypes: false })).rejects.toThrow(
      '1 link uses "Contradicts": confirm to delete them with the type.',
    );
    expect(await workbench.service.listLinks({})).toHaveLength(1);
    const saved = await workbench.service.saveLinkTypes({ linkTypes: without, deleteLinksOfRemovedTypes: true });
    expect(saved.removedLinks).toHaveLength(1);
    expect(await workbench.service.listLinks({})).toEqual([]);
  });

  it('refuses duplicate ids and restrictions naming labels that do not exist', async () => {
    const duplicate = [...defaultLinkTypes, { ...defaultLinkTypes[0]! }];
    await expect(workbench.service.saveLinkTypes({ linkTypes: duplicate, deleteLinksOfRemovedTypes: false })).rejects.toThrow('Two link types have the id "same".');
    const unknown = defaultLinkTypes.map((t) => (t.id === 'same' ? { ...t, allowedLabels: ['opinion'] } : t));
    await expect(workbench.service.saveLinkTypes({ linkTypes: unknown, deleteLinksOfRemovedTypes: false })).rejects.toThrow('names labels that do not exist: opinion');
  });
});
