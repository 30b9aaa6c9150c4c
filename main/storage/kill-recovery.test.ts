import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DurableJsonFile } from './durable-json-file.js';
import { TEMP_SUFFIX } from './durable-write.js';
import { annotationFileOptions, highestSequence, makeTempDir, spawnTestChild, watchChild } from './test-support.js';

const KILLS = 60;

async function tempFilesIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith(TEMP_SUFFIX));
  } catch {
    return [];
  }
}

describe('kill -9 while saving (docs/GUARANTEES.md D2)', () => {
  it(`keeps a valid file holding every acknowledged edit across ${KILLS} SIGKILLs`, { timeout: 120_000 }, async () => {
    const { dir, remove } = await makeTempDir('kill9');
    try {
      const path = join(dir, 'annotations', 'doc-1.json');
      await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'annotations')));
      const backupDir = join(dir, '.backups', 'annotations', 'doc-1.json');
      let acknowledged = 0;
      let killsWithAcks = 0;
      let killsBeforeReady = 0;
      let tempFilesLeftByKills = 0;

      for (let kill = 0; kill < KILLS; kill += 1) {
        const child = await spawnTestChild('edit-log-writer.ts', [path, dir]);
        const watched = watchChild(child);
        const early = kill % 5 === 4; // some kills land while the child starts and opens the file
        if (early) {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 400));
        } else {
          const ready = await watched.nextLine((line) => line.startsWith('ready '));
          // What the new process loaded holds at least every edit acknowledged before.
          expect(Number(ready.slice(6))).toBeGreaterThanOrEqual(acknowledged);
          // Once saving is under way, kill at a random moment: mid-write, mid-backup, between writes.
          await watched.nextLine((line) => line.startsWith('ack '));
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 250));
        }
        child.kill('SIGKILL');
        const exit = await watched.exited;
        expect(exit.signal, watched.stderr()).toBe('SIGKILL');
        if (!watched.lines.some((line) => line.startsWith('ready '))) killsBeforeReady += 1;

        const acks = watched.lines.filter((line) => line.startsWith('ack ')).map((line) => Number(line.slice(4)));
        if (acks.length > 0) killsWithAcks += 1;
        acknowledged = Math.max(acknowledged, ...acks);

        // The file parses, validates, and holds the last acknowledged edit.
        let bytes: Buffer | null = null;
        try {
          bytes = await readFile(path);
        } catch {
          expect(acknowledged, 'the file is missing although edits were acknowledged').toBe(0);
        }
        if (bytes !== null) {
          const { data } = new DurableJsonFile(path, annotationFileOptions).codec.decode(bytes, path);
          expect(highestSequence(data)).toBeGreaterThanOrEqual(acknowledged);
        }
        // At most the one write in flight (and one backup) can leave a temp file; the next open removes them.
        const temps = [...(await tempFilesIn(join(dir, 'annotations'))), ...(await tempFilesIn(backupDir))];
        expect(temps.length).toBeLessThanOrEqual(2);
        tempFilesLeftByKills += temps.length;
      }

      // Opening again removes what the last kill left; the next save rotates the backups.
      const file = new DurableJsonFile(path, { ...annotationFileOptions, backups: { workspaceDir: dir } });
      const data = await file.read();
      expect(data).not.toBeNull();
      await file.write(data!);
      expect(await tempFilesIn(join(dir, 'annotations'))).toEqual([]);
      expect(await tempFilesIn(backupDir)).toEqual([]);
      const backups = await file.backups!.list();
      expect(backups.length).toBeGreaterThan(0);
      expect(backups.length).toBeLessThanOrEqual(6); // 5 recent + today's, which is among them
      expect(backups.every((backup) => backup.valid)).toBe(true);

      expect(acknowledged).toBeGreaterThan(KILLS);
      expect(killsWithAcks).toBeGreaterThanOrEqual(40);
      console.log(
        `kill -9: ${KILLS} kills (${killsBeforeReady} before the file was open, ${killsWithAcks} with edits acknowledged), ` +
          `${acknowledged} edits acknowledged, ${tempFilesLeftByKills} temp files left by kills and cleaned up on the next open`,
      );
    } finally {
      await remove();
    }
  });
});
