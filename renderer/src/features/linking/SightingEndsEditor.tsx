import { useEffect, useId, useRef, type KeyboardEvent, type MouseEvent, type Ref } from 'react';
import type { TextRange } from '../../../../shared/model/annotation.js';
import { excerpt } from '../../../../shared/text/excerpt.js';
import { candidateContext, moveCandidateEnd, type EndMove } from './sighting-ends.js';

/** Props of the ends editor of one candidate. */
export interface SightingEndsEditorProps {
  /** The text of the candidate's article. */
  text: string;
  /** The candidate's ranges as they are now (one per piece of the quote). */
  ranges: readonly TextRange[];
  /** The ranges as they were found (Reset goes back to them). */
  found: readonly TextRange[];
  onChange(ranges: TextRange[]): void;
  /** Closes the editor (the adjusted ends are kept). */
  onClose(): void;
}

/**
 * Adjusts where a candidate found in another article starts and ends before it is annotated: the
 * candidate in its article's text, and for each end a slider (← → move it a word, Alt+← → a
 * character) between "Earlier" and "Later" buttons (Alt+click: a character). Only the first piece's
 * start and the last piece's end of a discontinuous candidate move. Escape closes it.
 */
export function SightingEndsEditor({ text, ranges, found, onChange, onClose }: SightingEndsEditorProps) {
  const root = useRef<HTMLDivElement>(null);
  const startSlider = useRef<HTMLSpanElement>(null);
  // Opened to be used: it scrolls into view whole (the side panel is short) and the keyboard goes to the start's slider.
  useEffect(() => {
    root.current?.scrollIntoView({ block: 'nearest' });
    startSlider.current?.focus({ preventScroll: true });
  }, []);
  const { before, after, cutBefore, cutAfter } = candidateContext(text, ranges);
  const move = (end: EndMove['end'], direction: -1 | 1, byCharacter: boolean) =>
    onChange(moveCandidateEnd(text, ranges, { end, direction, unit: byCharacter ? 'character' : 'word' }));
  const unchanged = ranges.length === found.length && ranges.every((r, i) => r.start === found[i]!.start && r.end === found[i]!.end);
  const first = ranges[0]!;
  const last = ranges[ranges.length - 1]!;
  return (
    <div
      ref={root}
      className="sighting-ends"
      role="group"
      aria-label="Ends of the candidate"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }}
    >
      <p className="sighting-context">
        {cutBefore && '…'}
        <span className="sighting-context-around">{before}</span>
        {ranges.map((range, i) => {
          const piece = text.slice(range.start, range.end);
          const shown = elide(piece);
          return (
            <span key={i}>
              {i > 0 && <span className="sighting-context-gap"> … </span>}
              <mark className="sighting-candidate">
                {shown ? (
                  <>
                    {shown.head}
                    <span className="sighting-elided" title={`${piece.length - shown.head.length - shown.tail.length} more characters of the candidate`}>
                      {' […] '}
                    </span>
                    {shown.tail}
                  </>
                ) : (
                  piece
                )}
              </mark>
            </span>
          );
        })}
        <span className="sighting-context-around">{after}</span>
        {cutAfter && '…'}
      </p>
      <EndControl
        name="Start"
        sliderRef={startSlider}
        offset={first.start}
        max={text.length}
        word={firstWord(text.slice(first.start, first.end))}
        onMove={(direction, byCharacter) => move('start', direction, byCharacter)}
      />
      <EndControl
        name="End"
        offset={last.end}
        max={text.length}
        word={lastWord(text.slice(last.start, last.end))}
        onMove={(direction, byCharacter) => move('end', direction, byCharacter)}
      />
      <p className="hint sighting-ends-hint">
        <kbd>←</kbd> <kbd>→</kbd> move an end by a word; with <kbd>Alt</kbd> (or Alt+click) by a character.
      </p>
      <div className="sighting-ends-actions">
        <button type="button" disabled={unchanged} onClick={() => onChange(found.map((r) => ({ ...r })))}>
          Reset ends
        </button>
        <button type="button" onClick={onClose}>
          Done <kbd>Esc</kbd>
        </button>
      </div>
    </div>
  );
}

/** One end's controls: its name, "Earlier" and "Later" buttons, and between them a slider showing the word at that end. */
function EndControl(props: {
  name: string;
  offset: number;
  max: number;
  /** The candidate's word at this end. */
  word: string;
  sliderRef?: Ref<HTMLSpanElement>;
  onMove(direction: -1 | 1, byCharacter: boolean): void;
}) {
  const nameId = useId();
  const { onMove } = props;
  const onKeyDown = (event: KeyboardEvent) => {
    const direction = event.key === 'ArrowLeft' || event.key === 'ArrowDown' ? -1 : event.key === 'ArrowRight' || event.key === 'ArrowUp' ? 1 : 0;
    if (direction === 0 || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    event.stopPropagation();
    onMove(direction, event.altKey);
  };
  const click = (direction: -1 | 1) => (event: MouseEvent) => onMove(direction, event.altKey);
  return (
    <div className="sighting-end" role="group" aria-labelledby={nameId} onKeyDown={onKeyDown}>
      <span className="sighting-end-name" id={nameId}>
        {props.name}
      </span>
      <button type="button" title={`${props.name} one word earlier (Alt+click: one character)`} onClick={click(-1)}>
        ‹ Earlier
      </button>
      <span
        ref={props.sliderRef}
        className="sighting-end-slider"
        role="slider"
        tabIndex={0}
        aria-labelledby={nameId}
        aria-orientation="horizontal"
        aria-valuemin={0}
        aria-valuemax={props.max}
        aria-valuenow={props.offset}
        aria-valuetext={`${props.name} at “${excerpt(props.word, 30)}”, character ${props.offset}`}
      >
        {props.word}
      </span>
      <button type="button" title={`${props.name} one word later (Alt+click: one character)`} onClick={click(1)}>
        Later ›
      </button>
    </div>
  );
}

/** How much of a long piece's start and end the editor shows (its ends are what is being adjusted). */
const SHOWN_PIECE_END = 100;

/** A long piece's first and last words (about SHOWN_PIECE_END characters each), or null when it is short enough to show whole. */
function elide(piece: string): { head: string; tail: string } | null {
  if (piece.length <= SHOWN_PIECE_END * 2 + 40) return null;
  const head = piece.slice(0, SHOWN_PIECE_END);
  const tail = piece.slice(-SHOWN_PIECE_END);
  const headCut = head.lastIndexOf(' ');
  const tailCut = tail.indexOf(' ');
  return { head: headCut > 0 ? head.slice(0, headCut) : head, tail: tailCut >= 0 ? tail.slice(tailCut + 1) : tail };
}

/** The first word (run without white space) of a text. */
function firstWord(text: string): string {
  return /^\s*(\S+)/u.exec(text)?.[1] ?? text;
}

/** The last word (run without white space) of a text. */
function lastWord(text: string): string {
  return /(\S+)\s*$/u.exec(text)?.[1] ?? text;
}
