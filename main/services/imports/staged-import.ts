import { importArticleFile } from '../../../shared/import/import-article-file.js';
import type { ImportedArticle } from '../../../shared/import/imported-article.js';
import type { ImportFilePiece } from '../../../shared/api/import-schemas.js';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import { contentHash } from '../../../shared/text/content-hash.js';
import { folderEntrySkipReason } from './folder-entry-rule.js';
import { tooLargeError } from './import-size-limit.js';

/** One article read from a staged file, with the hash of its text. */
export interface StagedArticleEntry {
  stagedId: string;
  article: ImportedArticle;
  contentHash: string;
}

/** A staged file once complete: read (its articles), refused (why) or skipped (why). */
export type CompletedFile =
  | { fileKey: string; path: string; status: 'ready'; articles: StagedArticleEntry[] }
  | { fileKey: string; path: string; status: 'error' | 'skipped'; message: string; line: number | null };

interface PartialFile {
  path: string;
  size: number;
  pieces: Uint8Array[];
  received: number;
}

/**
 * The files of one import, read and checked but not stored: pieces are put together per file, and
 * each complete file is run through the importer (`importArticleFile`) at once, so its bytes are
 * dropped and only the articles (or the error) are kept. Nothing here touches the workspace.
 */
export class StagedImport {
  /** Complete files, in the order they completed. */
  readonly files: CompletedFile[] = [];
  private readonly partial = new Map<string, PartialFile>();
  private readonly completedKeys = new Set<string>();
  private nextArticle = 1;

  /** A staged import with its id and the size limit of one file. */
  constructor(
    readonly id: string,
    readonly maxFileBytes: number,
  ) {}

  /** The staged article with this id, with the path of its file. */
  findArticle(stagedId: string): { path: string; entry: StagedArticleEntry } | undefined {
    for (const file of this.files) {
      if (file.status !== 'ready') continue;
      const entry = file.articles.find((a) => a.stagedId === stagedId);
      if (entry) return { path: file.path, entry };
    }
    return undefined;
  }

  /**
   * Adds one piece of a file; returns the file once it is complete (all its bytes arrived, or it is
   * refused unread because of its size or, in a folder, its type), else null. Pieces of one file
   * must arrive in order; a piece that does not follow is refused as invalid input.
   */
  addPiece(piece: ImportFilePiece): CompletedFile | null {
    const { fileKey, path, size, offset } = piece;
    if (this.completedKeys.has(fileKey)) {
      throw new WorkbenchError('invalid-input', `${path} was already sent to this import.`);
    }
    let file = this.partial.get(fileKey);
    if (!file) {
      const refused = this.refuseUnread(piece);
      if (refused) return this.complete(refused);
      file = { path, size, pieces: [], received: 0 };
      this.partial.set(fileKey, file);
    }
    const bytes = new Uint8Array(Buffer.from(piece.base64, 'base64'));
    if (file.path !== path || file.size !== size || offset !== file.received || file.received + bytes.length > size) {
      this.partial.delete(fileKey);
      throw new WorkbenchError(
        'invalid-input',
        `${path}: a piece at byte ${offset} (${bytes.length} bytes) does not follow the ${file.received} of ${file.size} bytes received.`,
      );
    }
    file.pieces.push(bytes);
    file.received += bytes.length;
    if (file.received < size) return null;
    this.partial.delete(fileKey);
    return this.complete(this.read(fileKey, file));
  }

  /**
   * Adds a whole file read from disk (the CLI): refused unread when its size or, in a folder, its
   * type says so; otherwise `read` is called and the bytes are imported.
   */
  async addWholeFile(file: Omit<ImportFilePiece, 'offset' | 'base64'>, read: () => Promise<Uint8Array>): Promise<CompletedFile> {
    if (this.completedKeys.has(file.fileKey) || this.partial.has(file.fileKey)) {
      throw new Error(`${file.path} was already added to this import.`);
    }
    const refused = this.refuseUnread(file);
    if (refused) return this.complete(refused);
    const bytes = await read();
    return this.complete(this.read(file.fileKey, { path: file.path, size: bytes.length, pieces: [bytes], received: bytes.length }));
  }

  /** Whether every file sent so far is complete. */
  get isComplete(): boolean {
    return this.partial.size === 0;
  }

  /** A file refused before any of its bytes is read: not an article file in a folder, or over the size limit. */
  private refuseUnread(file: Pick<ImportFilePiece, 'fileKey' | 'path' | 'fromFolder' | 'size'>): CompletedFile | null {
    const { fileKey, path } = file;
    const skip = file.fromFolder ? folderEntrySkipReason(path) : null;
    if (skip !== null) return { fileKey, path, status: 'skipped', message: skip, line: null };
    if (file.size > this.maxFileBytes) {
      return { fileKey, path, status: 'error', message: tooLargeError(path, file.size, this.maxFileBytes).message, line: null };
    }
    return null;
  }

  private read(fileKey: string, file: PartialFile): CompletedFile {
    const bytes = file.pieces.length === 1 ? file.pieces[0]! : new Uint8Array(Buffer.concat(file.pieces));
    const outcome = importArticleFile({ name: file.path, bytes }, { maxBytes: this.maxFileBytes });
    if (!outcome.ok) {
      return { fileKey, path: file.path, status: 'error', message: outcome.error.message, line: outcome.error.line ?? null };
    }
    const articles = outcome.articles.map((article) => ({
      stagedId: `${this.id}:${this.nextArticle++}`,
      article,
      contentHash: contentHash(article.text),
    }));
    return { fileKey, path: file.path, status: 'ready', articles };
  }

  private complete(file: CompletedFile): CompletedFile {
    this.completedKeys.add(file.fileKey);
    this.files.push(file);
    return file;
  }
}
