import { useEffect, useMemo, useState } from 'react';
import type { ResolvedLink } from '../../../../shared/model/link.js';
import { useCache, useWorkbenchState } from '../../client/workbench-context.js';

/** Props of the contradictions table. */
export interface ContradictionsViewProps {
  onOpenAnnotation(documentId: string, annotationId: string): void;
}

type Column = 'articleA' | 'spanA' | 'articleB' | 'spanB' | 'note';

const COLUMNS: { id: Column; label: string; value: (l: ResolvedLink) => string }[] = [
  { id: 'articleA', label: 'Article A', value: (l) => l.source.documentTitle },
  { id: 'spanA', label: 'Span A', value: (l) => l.source.text },
  { id: 'articleB', label: 'Article B', value: (l) => l.target.documentTitle },
  { id: 'spanB', label: 'Span B', value: (l) => l.target.text },
  { id: 'note', label: 'Note', value: (l) => l.link.note },
];

/** Every `contradicts` link as a table: sortable by any column, filterable by text. */
export function ContradictionsView({ onOpenAnnotation }: ContradictionsViewProps) {
  const cache = useCache();
  const linksRevision = useWorkbenchState((state) => state.linksRevision);
  const [links, setLinks] = useState<ResolvedLink[] | null>(null);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ column: Column; ascending: boolean }>({ column: 'articleA', ascending: true });
  // Read again whenever links change.
  useEffect(() => {
    let current = true;
    void cache.api.listLinks({}).then((all) => current && setLinks(all.filter((l) => l.link.typeId === 'contradicts')));
    return () => {
      current = false;
    };
  }, [cache, linksRevision]);

  const rows = useMemo(() => {
    if (!links) return [];
    const needle = filter.trim().toLowerCase();
    const value = COLUMNS.find((c) => c.id === sort.column)!.value;
    return links
      .filter((l) => !needle || COLUMNS.some((c) => c.value(l).toLowerCase().includes(needle)))
      .sort((a, b) => value(a).localeCompare(value(b)) * (sort.ascending ? 1 : -1));
  }, [links, filter, sort]);

  if (!links) return <p className="hint">Loading contradictions…</p>;
  return (
    <div className="contradictions-view">
      <label className="filter">
        Filter <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Text in any column" />
      </label>
      {links.length === 0 ? (
        <p className="hint">No contradictions yet: link two annotations as “contradicts” and they are listed here.</p>
      ) : (
        <table aria-label="Contradictions">
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th
                  key={column.id}
                  scope="col"
                  aria-sort={sort.column === column.id ? (sort.ascending ? 'ascending' : 'descending') : 'none'}
                >
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => setSort((s) => ({ column: column.id, ascending: s.column === column.id ? !s.ascending : true }))}
                  >
                    {column.label}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr key={l.link.id}>
                <td>{l.source.documentTitle}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => onOpenAnnotation(l.source.documentId, l.source.annotationId)}>
                    {l.source.text}
                  </button>
                </td>
                <td>{l.target.documentTitle}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => onOpenAnnotation(l.target.documentId, l.target.annotationId)}>
                    {l.target.text}
                  </button>
                </td>
                <td>{l.link.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
