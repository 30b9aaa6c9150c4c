import * as fsPromises from 'node:fs/promises';
import type { PromiseFsClient } from 'isomorphic-git';
import { writeFileDurably } from '../../storage/index.js';

/**
 * The file system isomorphic-git works through: Node's, except that every file it writes (objects,
 * packs, refs, the index, the config, and the working tree it checks out) is written the way the
 * workspace writes its own files: a unique temp file, every byte checked, fsync, rename, fsync of
 * the folder. isomorphic-git itself writes in place, so a crash mid-write could leave a truncated
 * object that it would then take as present for ever; here a file is either whole or not there.
 */
export const durableGitFs: PromiseFsClient = {
  promises: {
    ...fsPromises,
    writeFile: async (path: string, data: string | Uint8Array, options?: unknown) => {
      const encoding = typeof options === 'string' ? options : (options as { encoding?: string } | undefined)?.encoding;
      const bytes = typeof data === 'string' ? Buffer.from(data, (encoding ?? 'utf8') as BufferEncoding) : data;
      await writeFileDurably(path, bytes);
    },
  } as PromiseFsClient['promises'],
};
