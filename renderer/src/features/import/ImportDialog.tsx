import { useEffect, useRef, useState } from 'react';
import type { WorkbenchApi } from '../../../../shared/api/contract/index.js';
import type { ImportResult, StagedArticle, StagedFile } from '../../../../shared/api/import-schemas.js';
import { plural } from '../../../../shared/text/plural.js';
import { chosenFiles } from './dropped-files.js';
import type { ImportSource } from './import-plan.js';
import { ImportResultSummary } from './ImportResultSummary.js';
import { ListSection } from './ListSection.js';
import { useStagedImport } from './use-staged-import.js';
import './import.css';

/** Props of the import dialog. */
export interface ImportDialogProps {
  api: WorkbenchApi;
  /** Files dropped on the window: the import starts with them at once. */
  dropped: readonly ImportSource[] | null;
  /** Called once an import is stored, to refresh the article list. */
  onImported(result: ImportResult): void;
  onClose(): void;
}

/** What the files of a staged import hold, counted for the review. */
function tally(files: readonly StagedFile[]) {
  const articles = files.flatMap((f) => f.articles.map((article) => ({ path: f.path, article })));
  return {
    fresh: articles.filter((a) => a.article.status === 'new'),
    duplicates: articles.filter((a) => a.article.status === 'duplicate'),
    versions: articles.filter((a) => a.article.status === 'new-version'),
    errors: files.filter((f) => f.status === 'error'),
    skipped: files.filter((f) => f.status === 'skipped'),
  };
}

/**
 * File → Import articles: choose files or a whole folder (or drop them on the window); every file is
 * read and checked, with progress and a Cancel button; the review lists what is new, what is already
 * in the workspace, new versions of documents (each offered for replacement), and what cannot be
 * imported and why; nothing is stored until "Import" is pressed, and then all of it at once.
 */
export function ImportDialog({ api, dropped, onImported, onClose }: ImportDialogProps) {
  const { phase, start, cancel, commit } = useStagedImport(api);
  const [replace, setReplace] = useState<ReadonlySet<string>>(new Set());
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const startedWith = useRef<readonly ImportSource[] | null>(null);
  const busy = phase.kind === 'reading' || phase.kind === 'saving';

  useEffect(() => {
    if (dropped && startedWith.current !== dropped) {
      startedWith.current = dropped;
      void start(dropped);
    }
  }, [dropped, start]);

  useEffect(() => {
    // The folder picker attribute is not in React's typings; set it on the element.
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !busy) {
        event.preventDefault();
        void close();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const close = async () => {
    if (phase.kind === 'review' || (phase.kind === 'failed' && phase.importId !== null)) await cancel();
    onClose();
  };

  const choose = (list: FileList | null) => {
    if (list && list.length > 0) void start(chosenFiles(list));
  };

  const doCommit = async () => {
    const result = await commit([...replace]);
    if (result) onImported(result);
  };

  return (
    <div className="import-backdrop">
      <div className="import-dialog" role="dialog" aria-modal="true" aria-labelledby="import-dialog-title">
        <h2 id="import-dialog-title">Import articles</h2>
        <input ref={filesInput} className="visually-hidden" type="file" multiple aria-label="Article files" tabIndex={-1} onChange={(e) => choose(e.currentTarget.files)} />
        <input ref={folderInput} className="visually-hidden" type="file" multiple aria-label="Article folder" tabIndex={-1} onChange={(e) => choose(e.currentTarget.files)} />

        {phase.kind === 'choosing' && (
          <>
            <p>Text (.txt), Markdown (.md), web pages (.html) and JSON or JSONL corpora. Files are checked first; nothing is stored until you confirm.</p>
            <div className="import-actions">
              <button type="button" className="primary" onClick={() => filesInput.current?.click()} autoFocus>
                Choose files…
              </button>
              <button type="button" onClick={() => folderInput.current?.click()}>
                Choose a folder…
              </button>
              <button type="button" onClick={onClose}>
                Close
              </button>
            </div>
            <p className="hint">You can also drop files and folders anywhere on the window.</p>
          </>
        )}

        {phase.kind === 'reading' && (
          <>
            <progress aria-label="Import progress" max={Math.max(phase.bytesTotal, 1)} value={phase.bytesDone} />
            <p role="status">
              {phase.cancelling
                ? 'Cancelling…'
                : `Reading ${phase.filesDone} of ${phase.filesTotal} ${plural(phase.filesTotal, 'file')} (${megabytes(phase.bytesDone)} of ${megabytes(phase.bytesTotal)})…`}
            </p>
            <div className="import-actions">
              <button type="button" onClick={() => void cancel()} disabled={phase.cancelling}>
                Cancel import
              </button>
            </div>
          </>
        )}

        {phase.kind === 'review' && (
          <Review files={phase.files} replace={replace} onReplaceChange={setReplace} onCommit={() => void doCommit()} onCancel={() => void cancel()} />
        )}

        {phase.kind === 'saving' && <p role="status">Saving the import…</p>}

        {phase.kind === 'done' && (
          <>
            <ImportResultSummary result={phase.result} />
            <div className="import-actions">
              <button type="button" className="primary" onClick={onClose} autoFocus>
                Close
              </button>
            </div>
          </>
        )}

        {phase.kind === 'cancelled' && (
          <>
            <p role="status">Import cancelled: nothing was imported.</p>
            <div className="import-actions">
              <button type="button" onClick={onClose} autoFocus>
                Close
              </button>
            </div>
          </>
        )}

        {phase.kind === 'failed' && (
          <>
            <p role="alert" className="import-error">
              {phase.message}
            </p>
            <div className="import-actions">
              {phase.importId !== null && (
                <button type="button" className="primary" onClick={() => void doCommit()}>
                  Try again
                </button>
              )}
              <button type="button" onClick={() => void close()}>
                {phase.importId !== null ? 'Cancel import' : 'Close'}
              </button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}

interface ReviewProps {
  files: readonly StagedFile[];
  replace: ReadonlySet<string>;
  onReplaceChange(next: ReadonlySet<string>): void;
  onCommit(): void;
  onCancel(): void;
}

/** What was found, before anything is stored. */
function Review({ files, replace, onReplaceChange, onCommit, onCancel }: ReviewProps) {
  const { fresh, duplicates, versions, errors, skipped } = tally(files);
  const replacing = versions.filter((v) => replace.has(v.article.stagedId)).length;
  const toggle = (article: StagedArticle, on: boolean) => {
    const next = new Set(replace);
    if (on) next.add(article.stagedId);
    else next.delete(article.stagedId);
    onReplaceChange(next);
  };
  const action = [fresh.length > 0 ? `${fresh.length} new ${plural(fresh.length, 'article')}` : '', replacing > 0 ? `replace ${replacing}` : '']
    .filter(Boolean)
    .join(' and ');
  return (
    <section aria-label="Import review" className="import-review">
      <p role="status">
        {[
          `${fresh.length} new ${plural(fresh.length, 'article')}`,
          duplicates.length ? `${duplicates.length} already in the workspace` : '',
          versions.length ? `${versions.length} new ${plural(versions.length, 'version')} of ${plural(versions.length, 'an article', 'articles')}` : '',
          errors.length ? `${errors.length} ${plural(errors.length, 'file')} cannot be imported` : '',
          skipped.length ? `${skipped.length} ${plural(skipped.length, 'file')} skipped` : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {fresh.length > 0 && (
        <ListSection title="New articles" items={fresh.map(({ path, article }) => ({ key: article.stagedId, text: newArticleLine(path, article) }))} />
      )}
      {versions.length > 0 && (
        <section aria-label="New versions">
          <h3>New versions</h3>
          <ul>
            {versions.map(({ path, article }) => (
              <li key={article.stagedId}>
                <label>
                  <input type="checkbox" checked={replace.has(article.stagedId)} onChange={(e) => toggle(article, e.currentTarget.checked)} />
                  Replace “{article.existing?.title}” with the version in {path}
                </label>
                <span className="hint">
                  {' '}
                  ({article.existing?.annotationCount ?? 0} {plural(article.existing?.annotationCount ?? 0, 'annotation')} will be placed again by their
                  quotes; any that cannot be placed exactly are kept and listed as orphaned.)
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {duplicates.length > 0 && (
        <ListSection
          title="Already in the workspace"
          items={duplicates.map(({ path, article }) => ({ key: article.stagedId, text: `${path}: the same text as “${article.existing?.title}”, not added again.` }))}
        />
      )}
      {errors.length > 0 && <ListSection title="Cannot be imported" items={errors.map((f) => ({ key: f.fileKey, text: f.message ?? f.path }))} />}
      {skipped.length > 0 && <ListSection title="Skipped" items={skipped.map((f) => ({ key: f.fileKey, text: f.message ?? f.path }))} />}
      <div className="import-actions">
        <button type="button" className="primary" onClick={onCommit} disabled={action === ''}>
          {action === '' ? 'Nothing to import' : `Import: ${action}`}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel import
        </button>
      </div>
    </section>
  );
}

function newArticleLine(path: string, article: StagedArticle): string {
  const where = article.sourceLine === null ? path : `${path}, line ${article.sourceLine}`;
  const details = [article.outlet, article.date].filter(Boolean).join(', ');
  const warning = article.dateWarning ? ` — date ${article.dateWarning}` : '';
  return `“${article.title}” (${where}${details ? `; ${details}` : ''})${warning}`;
}

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
