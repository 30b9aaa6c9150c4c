import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Annotation } from '../../../../shared/model/annotation.js';
import type { Label } from '../../../../shared/model/label-schema.js';
import { excerpt } from '../../../../shared/text/excerpt.js';

/** Props of the side panel. */
export interface AnnotationPanelProps {
  /** Which article the list is of, when it is not the open one (side by side). */
  scope?: string | null;
  annotations: readonly Annotation[];
  labels: readonly Label[];
  focusedId: string | null;
  /** Shown above the list (the details of the focused annotation). */
  details: ReactNode;
  onFocus(annotationId: string): void;
  onDelete(annotation: Annotation): void;
}

/** The text of an annotation as one line: its pieces joined with an ellipsis. */
export function annotationText(annotation: Annotation): string {
  return annotation.fragments.map((f) => f.exact).join(' … ');
}

/** How many list entries are rendered at first, and how many more each time the end scrolls into sight. */
const PAGE_SIZE = 200;

/**
 * Every annotation of the open article in document order, with counts per label, filterable by
 * label, attribute value and text; click one to go to it, delete from here.
 */
export function AnnotationPanel({ scope, annotations, labels, focusedId, details, onFocus, onDelete }: AnnotationPanelProps) {
  const [labelFilter, setLabelFilter] = useState('');
  const [attributeFilter, setAttributeFilter] = useState('');
  const [textFilter, setTextFilter] = useState('');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const more = useRef<HTMLButtonElement>(null);
  const labelName = (id: string) => labels.find((l) => l.id === id)?.name ?? id;
  const counts = useMemo(() => {
    const byLabel = new Map<string, number>();
    for (const a of annotations) byLabel.set(a.labelId, (byLabel.get(a.labelId) ?? 0) + 1);
    return byLabel;
  }, [annotations]);

  const attributeNeedle = attributeFilter.trim().toLowerCase();
  const textNeedle = textFilter.trim().toLowerCase();
  const filtering = labelFilter !== '' || attributeNeedle !== '' || textNeedle !== '';
  const shown = useMemo(
    () =>
      !filtering
        ? annotations
        : annotations.filter(
            (a) =>
              (!labelFilter || a.labelId === labelFilter) &&
              (!attributeNeedle ||
                Object.entries(a.attributes).some(
                  ([name, value]) =>
                    `${name}=${String(value)}`.toLowerCase().includes(attributeNeedle) || String(value).toLowerCase() === attributeNeedle,
                )) &&
              (!textNeedle || annotationText(a).toLowerCase().includes(textNeedle) || a.note.toLowerCase().includes(textNeedle)),
          ),
    [annotations, filtering, labelFilter, attributeNeedle, textNeedle],
  );

  // Long lists are rendered a page at a time (more as the end scrolls into sight), and always far
  // enough to include the focused annotation.
  const focusedIndex = focusedId ? shown.findIndex((a) => a.id === focusedId) : -1;
  const rendered = Math.max(limit, focusedIndex + PAGE_SIZE / 4);
  useEffect(() => {
    const button = more.current;
    if (!button) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setLimit((n) => n + PAGE_SIZE);
    });
    observer.observe(button);
    return () => observer.disconnect();
  }, [shown.length > rendered]);

  return (
    <aside className="annotation-panel" aria-label="Annotations">
      {details}
      <h2>
        Annotations <span className="count">{filtering ? `${shown.length} of ${annotations.length}` : annotations.length}</span>
      </h2>
      {scope && <p className="panel-scope">{excerpt(scope, 90)}</p>}
      <p className="label-counts" aria-label="Annotations per label">
        {labels.map((label) => (
          <span key={label.id} className={`label-count label-swatch label-${label.id}`}>
            {label.name} <strong>{counts.get(label.id) ?? 0}</strong>
          </span>
        ))}
      </p>
      <div className="panel-filters" role="search" aria-label="Filter annotations">
        <select aria-label="Filter by label" value={labelFilter} onChange={(e) => setLabelFilter(e.target.value)}>
          <option value="">All labels</option>
          {labels.map((label) => (
            <option key={label.id} value={label.id}>
              {label.name}
            </option>
          ))}
        </select>
        <input
          type="search"
          aria-label="Filter by attribute value"
          placeholder="Attribute, e.g. verdict=false"
          value={attributeFilter}
          onChange={(e) => setAttributeFilter(e.target.value)}
        />
        <input type="search" aria-label="Filter by text" placeholder="Text or note" value={textFilter} onChange={(e) => setTextFilter(e.target.value)} />
      </div>
      {annotations.length === 0 ? (
        <p className="hint">
          Select text, then press {labels.map((l) => `${l.hotkey} (${l.name.toLowerCase()})`).join(', ')}. Press ? for every shortcut.
        </p>
      ) : (
        <ul className="annotation-list">
          {shown.slice(0, rendered).map((annotation) => {
            const text = annotationText(annotation);
            const values = Object.entries(annotation.attributes);
            return (
              <li key={annotation.id} className="annotation-item" aria-current={annotation.id === focusedId ? 'true' : undefined}>
                {/* Named by what it shows (label, text, attributes), so speech input can say what is seen. */}
                <button type="button" className="annotation-summary" onClick={() => onFocus(annotation.id)}>
                  <span className={`label-chip label-${annotation.labelId}`}>
                    {labelName(annotation.labelId)}
                    <span className="name-colon">:</span>
                  </span>
                  <span className="annotation-text">{text}</span>
                  {values.length > 0 && (
                    <span className="annotation-attributes">{values.map(([n, v]) => `${n}: ${String(v)}`).join(' · ')}</span>
                  )}
                </button>
                <button
                  type="button"
                  className="delete-annotation"
                  onClick={() => onDelete(annotation)}
                  aria-label={`Delete ${labelName(annotation.labelId).toLowerCase()} “${excerpt(text, 40)}”`}
                  title="Delete annotation"
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {shown.length > rendered && (
        <button ref={more} type="button" className="show-more" onClick={() => setLimit(rendered + PAGE_SIZE)}>
          Show {Math.min(PAGE_SIZE, shown.length - rendered)} more of {shown.length - rendered}
        </button>
      )}
    </aside>
  );
}
