import { useEffect, useRef, useState } from 'react';
import type { Label } from '../../../../shared/model/label-schema.js';
import type { ArticleFind } from './use-article-find.js';

/** Props of the find-in-article bar. */
export interface FindBarProps {
  /** The query, its hits and the current one; searching, stepping and closing (the article then gets the keyboard). */
  find: ArticleFind;
  labels: readonly Label[];
  onLabelAll(labelId: string): void;
}

/**
 * Finds text in the open article: every hit is highlighted, Enter / Shift+Enter go to the next /
 * previous one, and all hits can be labelled at once (one undoable step).
 */
export function FindBar({ find, labels, onLabelAll }: FindBarProps) {
  const { query, current, search: onQuery, step: onStep, close: onClose } = find;
  const hitCount = find.hits.length;
  const input = useRef<HTMLInputElement>(null);
  const [labelId, setLabelId] = useState(labels[0]?.id ?? '');
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  return (
    <div
      className="find-bar"
      role="search"
      aria-label="Find in article"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <input
        ref={input}
        type="search"
        aria-label="Find in article"
        placeholder="Find in article"
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onStep(e.shiftKey ? -1 : 1);
          }
        }}
      />
      <span className="find-count" role="status">
        {query === '' ? '' : hitCount === 0 ? 'No matches' : `${current + 1} of ${hitCount}`}
      </span>
      <button type="button" onClick={() => onStep(-1)} disabled={hitCount === 0} aria-label="Previous match">
        ↑
      </button>
      <button type="button" onClick={() => onStep(1)} disabled={hitCount === 0} aria-label="Next match">
        ↓
      </button>
      <select aria-label="Label for all matches" value={labelId} onChange={(e) => setLabelId(e.target.value)}>
        {labels.map((label) => (
          <option key={label.id} value={label.id}>
            {label.name}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => onLabelAll(labelId)} disabled={hitCount === 0}>
        Label all matches
      </button>
      <button type="button" onClick={onClose} aria-label="Close find">
        ×
      </button>
    </div>
  );
}
