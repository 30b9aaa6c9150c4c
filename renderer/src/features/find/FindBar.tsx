import { useEffect, useRef, useState } from 'react';
import type { Label } from '../../../../shared/model/label-schema.js';

/** Props of the find-in-article bar. */
export interface FindBarProps {
  query: string;
  hitCount: number;
  /** Index of the current hit, or -1. */
  current: number;
  labels: readonly Label[];
  onQuery(query: string): void;
  onStep(direction: 1 | -1): void;
  onLabelAll(labelId: string): void;
  /** Close the bar; the article gets the keyboard, with the current hit selected. */
  onClose(): void;
}

/**
 * Finds text in the open article: every hit is highlighted, Enter / Shift+Enter go to the next /
 * previous one, and all hits can be labelled at once (one undoable step).
 */
export function FindBar({ query, hitCount, current, labels, onQuery, onStep, onLabelAll, onClose }: FindBarProps) {
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
