import { readFile, rm } from 'node:fs/promises';
import { writeFileDurably } from '../storage/index.js';
import { WORKSPACE_LAYOUT, workspacePath } from './workspace-layout.js';

/**
 * The stored texts of a workspace's documents (`documents/<document>.txt`), each read once and kept:
 * a text never changes under an id, except when a team sync brings in another version (`forget`).
 */
export class StoredTexts {
  readonly #texts = new Map<string, string>();

  /** @param dir the workspace folder */
  constructor(private readonly dir: string) {}

  /** A document's stored text. */
  async read(documentId: string): Promise<string> {
    const cached = this.#texts.get(documentId);
    if (cached !== undefined) return cached;
    const text = await readFile(this.path(documentId), 'utf8');
    this.#texts.set(documentId, text);
    return text;
  }

  /** Stores a document's text durably. */
  async write(documentId: string, text: string): Promise<void> {
    await writeFileDurably(this.path(documentId), text);
    this.#texts.set(documentId, text);
  }

  /** Forgets what is held of the text stored in `file` (relative path), if it is one; reads it again when next asked. */
  forgetFile(file: string): void {
    const stored = /^documents\/([^/]+)\.txt$/.exec(file);
    if (stored) this.#texts.delete(stored[1]!);
  }

  /** Removes a document's text (one no index lists), ignoring a text already gone. */
  async remove(documentId: string): Promise<void> {
    this.#texts.delete(documentId);
    await rm(this.path(documentId), { force: true });
  }

  private path(documentId: string): string {
    return workspacePath(this.dir, WORKSPACE_LAYOUT.text(documentId));
  }
}
