import { useState, type RefObject } from 'react';
import type { WorkspaceSearchResult } from '../../../../shared/api/contract/index.js';
import type { TextRange } from '../../../../shared/model/annotation.js';
import { useCache } from '../../client/workbench-context.js';

/** Props of the workspace-wide search. */
export interface WorkspaceSearchProps {
  inputRef: RefObject<HTMLInputElement | null>;
  /** Open an article with a hit selected. */
  onOpenHit(documentId: string, range: TextRange): void;
}

/** Finds text across every article; results are grouped by article and open it at the hit. */
export function WorkspaceSearch({ inputRef, onOpenHit }: WorkspaceSearchProps) {
  const { api } = useCache();
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<WorkspaceSearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const search = async () => {
    if (query.trim() === '') {
      setResult(null);
      return;
    }
    try {
      setResult(await api.searchWorkspace({ query }));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section className="workspace-search" aria-label="Search all articles">
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <input
          ref={inputRef}
          type="search"
          aria-label="Search all articles"
          placeholder="All articles…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setQuery('');
              setResult(null);
            }
          }}
        />
        <button type="submit">Search</button>
      </form>
      {error && <p role="alert">{error}</p>}
      {result && (
        <div className="search-results">
          <p role="status" className="hint">
            {result.totalHits === 0
              ? 'No matches in any article.'
              : `${result.totalHits} ${result.totalHits === 1 ? 'match' : 'matches'} in ${result.documents.length} ${result.documents.length === 1 ? 'article' : 'articles'}`}
          </p>
          {result.documents.map((doc) => (
            <section key={doc.documentId} className="search-group" aria-label={`Matches in ${doc.title}`}>
              <h3>
                {doc.title} <span className="count">{doc.hits.length}{doc.truncated ? '+' : ''}</span>
              </h3>
              <ul>
                {doc.hits.map((hit) => (
                  <li key={hit.start}>
                    <button type="button" className="search-hit-button" onClick={() => onOpenHit(doc.documentId, { start: hit.start, end: hit.end })}>
                      …{hit.before}
                      <mark>{hit.match}</mark>
                      {hit.after}…
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
