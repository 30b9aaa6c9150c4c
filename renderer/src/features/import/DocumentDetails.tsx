import { useState, type FormEvent } from 'react';
import type { DocumentMeta } from '../../../../shared/model/document.js';
import { useCache } from '../../client/workbench-context.js';

/** Props of the document details line. */
export interface DocumentDetailsProps {
  meta: DocumentMeta;
  readOnly: boolean;
}

const FIELDS = [
  ['title', 'Title'],
  ['outlet', 'Outlet'],
  ['date', 'Date'],
  ['author', 'Author'],
  ['url', 'URL'],
] as const;
type Field = (typeof FIELDS)[number][0];

/**
 * The open article's metadata under its title: outlet, date, author, URL and source file, the date's
 * warning when it looks wrong (shown as given, never silently trusted), and an editor for them.
 * Everything is rendered as text; a URL is never made a live link.
 */
export function DocumentDetails({ meta, readOnly }: DocumentDetailsProps) {
  const cache = useCache();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Record<Field, string>>(() => draftOf(meta));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const startEditing = () => {
    setDraft(draftOf(meta));
    setError(null);
    setEditing(true);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      await cache.updateDocumentMeta({
        documentId: meta.id,
        title: draft.title,
        outlet: draft.outlet,
        date: draft.date,
        author: draft.author,
        url: draft.url,
      });
      setEditing(false);
      setError(null);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setSaving(false);
    }
  };

  if (editing) {
    return (
      <form className="meta-editor" aria-label="Article details" onSubmit={(e) => void save(e)}>
        {FIELDS.map(([field, label]) => (
          <label key={field} style={{ display: 'contents' }}>
            <span>{label}</span>
            <input
              value={draft[field]}
              placeholder={field === 'date' ? 'YYYY-MM-DD' : ''}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setDraft((d) => ({ ...d, [field]: value }));
              }}
              onKeyDown={(e) => e.stopPropagation()}
            />
          </label>
        ))}
        {error && (
          <p role="alert" className="import-error" style={{ gridColumn: '1 / -1', margin: 0 }}>
            {error}
          </p>
        )}
        <div className="import-actions">
          <button type="submit" className="primary" disabled={saving}>
            Save details
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </div>
      </form>
    );
  }

  const details = [meta.outlet, meta.date, meta.author ? `by ${meta.author}` : null, meta.url, meta.sourceFile].filter(Boolean).join(' · ');
  return (
    <>
      <p className="article-meta">
        {details}{' '}
        {!readOnly && (
          <button type="button" className="link-button" onClick={startEditing}>
            Edit details
          </button>
        )}
      </p>
      {meta.dateWarning && (
        <p className="date-warning" role="note" aria-label="Date warning">
          The date may be wrong: {meta.dateWarning}.
        </p>
      )}
    </>
  );
}

function draftOf(meta: DocumentMeta): Record<Field, string> {
  return { title: meta.title, outlet: meta.outlet ?? '', date: meta.date ?? '', author: meta.author ?? '', url: meta.url ?? '' };
}
