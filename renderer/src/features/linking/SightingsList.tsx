import { useEffect, useRef, useState } from 'react';
import type { Annotation, TextRange } from '../../../../shared/model/annotation.js';
import type { LinkType } from '../../../../shared/model/label-schema.js';
import type { QuoteSighting } from '../../../../shared/model/link-views.js';
import { quoteDifference } from '../../../../shared/search/quote-difference.js';
import { excerpt } from '../../../../shared/text/excerpt.js';
import { useCache, useWorkbenchState } from '../../client/workbench-context.js';
import { SightingEndsEditor } from './SightingEndsEditor.js';

/**
 * "Find in other articles" for the focused annotation: the sightings found on demand (cleared when
 * the focus moves to another annotation), whether a search is running, and removing one once linked.
 */
export function useQuoteSightings(focused: Annotation | null) {
  const { api } = useCache();
  const [sightings, setSightings] = useState<QuoteSighting[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [linked, setLinked] = useState(0);
  const focusedId = useRef(focused?.id);
  focusedId.current = focused?.id;

  // Sightings belong to one annotation: a new focus clears them (link changes do not).
  useEffect(() => {
    setSightings(null);
    setLinked(0);
  }, [focused?.id]);

  const find = async () => {
    if (!focused) return;
    setSearching(true);
    try {
      const found = await api.findQuoteElsewhere({ documentId: focused.documentId, annotationId: focused.id });
      // An answer for an annotation no longer focused is not shown under another.
      if (focusedId.current === focused.id) {
        setSightings(found);
        setLinked(0);
      }
    } finally {
      setSearching(false);
    }
  };
  /** Takes a sighting (one per article) off the list, as linked. */
  const remove = (sighting: QuoteSighting) => {
    setSightings((list) => list?.filter((s) => s.documentId !== sighting.documentId) ?? null);
    setLinked((n) => n + 1);
  };
  /** How many of the sightings found were linked from the list since the search. */
  return { sightings, searching, linked, find, remove };
}

/** Props of the list of sightings. */
export interface SightingsListProps {
  sightings: readonly QuoteSighting[];
  /** How many sightings of this search were linked already (taken off the list). */
  linked: number;
  /** The focused annotation's pieces: what each candidate is compared with. */
  quote: readonly string[];
  /** The link types offered for a sighting (same, paraphrase). */
  linkTypes: readonly LinkType[];
  /** Links the focused annotation to `sighting` (annotating it first if needed), with the ranges as adjusted. */
  onLink(sighting: QuoteSighting, typeId: string): void;
}

/**
 * Where the focused annotation's quote appears in other articles: each candidate's text, article and
 * difference from the quote, "Annotate and link as …" buttons, and for a candidate not annotated yet
 * "Adjust ends", which opens its ends editor; linking then takes the adjusted ranges.
 */
export function SightingsList({ sightings, linked, quote, linkTypes, onLink }: SightingsListProps) {
  return (
    <div className="sightings" aria-label="In other articles">
      {sightings.length === 0 ? (
        <p className="hint">
          {linked === 0
            ? 'No other article carries this text.'
            : `Linked in all ${linked} ${linked === 1 ? 'article' : 'articles'} found; no other article carries this text.`}
        </p>
      ) : (
        <ul>
          {sightings.map((sighting) => (
            <SightingItem key={sighting.documentId} sighting={sighting} quote={quote} linkTypes={linkTypes} onLink={onLink} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** One candidate: as found, or with its ends adjusted (the editor open or closed again). */
function SightingItem({ sighting, quote, linkTypes, onLink }: { sighting: QuoteSighting } & Omit<SightingsListProps, 'sightings' | 'linked'>) {
  const [adjusting, setAdjusting] = useState(false);
  const [ranges, setRanges] = useState<TextRange[] | null>(null);
  const article = useArticleText(sighting.documentId, adjusting || ranges !== null);
  const toggle = useRef<HTMLButtonElement>(null);
  const adjusted = ranges && article.text !== null ? adjustedSighting(sighting, ranges, article.text, quote) : sighting;
  const moved = adjusted !== sighting && (adjusted.start !== sighting.start || adjusted.end !== sighting.end);
  const close = () => {
    setAdjusting(false);
    toggle.current?.focus();
  };
  const difference = adjusted.errors === 0 ? 'same wording' : `${adjusted.errors} character${adjusted.errors === 1 ? '' : 's'} differ`;
  return (
    <li>
      {!adjusting && (
        <p className="sighting-text">
          <q>{adjusted.text}</q>
        </p>
      )}
      {adjusting &&
        (article.text !== null ? (
          <SightingEndsEditor text={article.text} ranges={ranges ?? sighting.ranges} found={sighting.ranges} onChange={setRanges} onClose={close} />
        ) : (
          <p className="hint" role="status">
            {article.error ?? 'Reading the article…'}
          </p>
        ))}
      <p className="article-details sighting-details">
        {sighting.strength === 'weak' && <span className="weak-match">Weaker match · </span>}
        {excerpt(sighting.documentTitle, 60)} ·{' '}
        <span aria-live={adjusting ? 'polite' : undefined}>
          {difference}
          {moved && ` (as found: ${sighting.errors === 0 ? 'same wording' : sighting.errors})`}
        </span>
      </p>
      <div className="sighting-actions">
        {linkTypes.map((type) => (
          <button key={type.id} type="button" onClick={() => onLink(adjusted, type.id)}>
            {sighting.annotationId ? 'Link' : 'Annotate and link'} as {type.name.toLowerCase()}
          </button>
        ))}
        {!sighting.annotationId && (
          <button ref={toggle} type="button" aria-expanded={adjusting} onClick={() => (adjusting ? close() : setAdjusting(true))}>
            {adjusting ? 'Hide ends' : 'Adjust ends'}
          </button>
        )}
      </div>
    </li>
  );
}

/** The sighting with its ranges as adjusted: its text, ends and difference from the quote follow. */
function adjustedSighting(sighting: QuoteSighting, ranges: TextRange[], text: string, quote: readonly string[]): QuoteSighting {
  const pieces = ranges.map((r) => text.slice(r.start, r.end));
  return {
    ...sighting,
    ranges,
    start: ranges[0]!.start,
    end: ranges[ranges.length - 1]!.end,
    text: pieces.join(' … '),
    errors: quoteDifference(quote, pieces),
  };
}

/**
 * The text of another article, read once when `wanted` (from the cache when that article is open,
 * else through `openDocument`, without opening it in the workbench).
 */
function useArticleText(documentId: string, wanted: boolean): { text: string | null; error: string | null } {
  const { api } = useCache();
  const open = useWorkbenchState((state) => state.opened.get(documentId)?.text ?? null);
  const [read, setRead] = useState<{ text: string | null; error: string | null }>({ text: null, error: null });
  useEffect(() => {
    if (!wanted || open !== null || read.text !== null) return;
    let live = true;
    api.openDocument({ documentId }).then(
      (document) => live && setRead({ text: document.text, error: null }),
      (error: unknown) => live && setRead({ text: null, error: `Could not read the article: ${error instanceof Error ? error.message : String(error)}` }),
    );
    return () => {
      live = false;
    };
  }, [api, documentId, wanted, open, read.text]);
  return open !== null ? { text: open, error: null } : read;
}
