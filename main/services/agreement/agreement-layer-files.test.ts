import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../../../shared/model/document.js';
import { makeTempDir } from '../../storage/test-support.js';
import { AgreementLayerFiles } from './agreement-layer-files.js';
import { annotationFileText, HASH, storedAnnotation } from './agreement.test-support.js';

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  ({ dir, remove } = await makeTempDir('agreement-layer-files'));
  await mkdir(join(dir, 'd1'), { recursive: true });
});
afterEach(async () => {
  await remove();
});

const meta = { id: 'd1', title: 'One', length: 50, contentHash: HASH } as DocumentMeta;
const annotation = storedAnnotation;
const fileOf = annotationFileText;

describe('AgreementLayerFiles', () => {
  it('reads what agreement uses of a file, and keeps it until the file changes', async () => {
    const path = join(dir, 'd1', 'ana.json');
    await writeFile(path, fileOf([annotation('a1', 0, 10)]));
    const files = new AgreementLayerFiles();
    const first = await files.read(path, meta, 'ana');
    expect(first).toEqual([
      expect.objectContaining({ id: 'a1', labelId: 'claim', annotator: 'ana', attributes: { verdict: 'true' }, fragments: [{ start: 0, end: 10, exact: 'xxxxxxxxxx', prefix: '', suffix: '' }], note: '' }),
    ]);
    expect(await files.read(path, meta, 'ana'), 'not read again').toBe(first);
    await writeFile(path, fileOf([annotation('a1', 0, 10), annotation('a2', 20, 30)]));
    await utimes(path, new Date(), new Date(Date.now() + 5000));
    expect((await files.read(path, meta, 'ana') as { id: string }[]).map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(await files.read(join(dir, 'd1', 'nobody.json'), meta, 'nobody')).toEqual([]);
  });

  it('says what is wrong with a file it cannot use, naming it', async () => {
    const path = join(dir, 'd1', 'ana.json');
    const files = new AgreementLayerFiles();
    await writeFile(path, '{ not json');
    expect(await files.read(path, meta, 'ana')).toMatch(new RegExp(`^${path.replace(/[\\/.]/g, '\\$&')} is not valid JSON`));
    await writeFile(path, fileOf([annotation('a1', 40, 60)]));
    expect(await files.read(path, meta, 'ana')).toBe(`${path}: annotation 1 (a1) has a fragment from 40 to 60, not inside the text of 50 characters; its annotations would be missing.`);
    await writeFile(path, fileOf([annotation('a1', 0, 10)], { contentHash: `sha256:${'b'.repeat(64)}` }));
    expect(await files.read(path, meta, 'ana')).toBe(`${path} was made for another text of "One" (its content hash differs from the index).`);
    await writeFile(path, fileOf([annotation('a1', 0, 10, { attributes: { verdict: ['a'] } })]));
    expect(await files.read(path, meta, 'ana')).toContain('(a1) has an attribute “verdict” that is not text, a number or yes/no');
  });
});
