/**
 * Where the curation of a document stands, from its disagreements and the decisions taken: which
 * choices fit which disagreement, what each disagreement's state is (open, decided, waiting for its
 * ends, or moot because an end was left out) and the counts the Curate view shows. The services and
 * the renderer both read it, so the view can move on at a key press and agree with what is saved.
 */
import type { WorkStatus } from '../model/assignment.js';
import type { CurationChoice } from '../model/curation.js';
import { excerpt } from '../text/excerpt.js';
import type { CurationItem, LinkDisagreement, SpanDisagreement } from './curation-items.js';

/** How many characters of a span's text a message quotes. */
const SPAN_EXCERPT_CHARS = 60;

/**
 * Where one disagreement stands: to decide, decided, waiting until both its ends are curated
 * (`waiting`: an end in this article; `elsewhere`: only the end in another article, which must be
 * curated first), or moot (an end was left out).
 */
export type ItemState = 'open' | 'decided' | 'waiting' | 'elsewhere' | 'moot';

/** How far the curation of a document is. */
export interface CurationCounts {
  /** Disagreements decided. */
  done: number;
  /** Disagreements still to decide (the waiting ones included). */
  left: number;
  /** Of those left, links whose ends are not both curated yet. */
  waiting: number;
  /** Links that cannot be curated because an end was left out (counted neither done nor left). */
  moot: number;
  /** Links across articles waiting for the other article to be curated (counted neither done nor left: they do not hold this article back). */
  elsewhere: number;
}

/**
 * Why `choice` does not fit `item`, in words for people, or null when it does: an annotator who is
 * not compared (or, for attribute values, who marked another span), `all` for attribute values
 * (only one set can be kept), an edit without what it needs.
 */
export function choiceProblem(item: CurationItem, choice: CurationChoice): string | null {
  switch (choice.kind) {
    case 'annotator': {
      const version = item.versions.find((v) => v.annotator === choice.annotator);
      if (!version) return 'That annotator has no layer of this article.';
      if (item.kind === 'attributes' && (version as { attributes: unknown }).attributes === null) return 'That annotator marked another span here, so their values are not among these.';
      return null;
    }
    case 'all':
      return item.kind === 'attributes' ? 'Only one set of values can be kept: take one annotator’s, none, or edit them.' : null;
    case 'none':
      return null;
    case 'edit':
      if (item.kind === 'span' && (!choice.ranges || choice.labelId === undefined)) return 'An edited span needs its ranges and its label.';
      if (item.kind === 'attributes' && !choice.attributes) return 'Edited values need the values.';
      if (item.kind === 'link' && choice.typeId === undefined) return 'An edited link needs its type.';
      return null;
  }
}

/** Whether a span disagreement decided this way puts something into the curated layer. */
export function keepsSomething(item: SpanDisagreement, choice: CurationChoice): boolean {
  if (choice.kind === 'none') return false;
  if (choice.kind === 'annotator') return item.versions.find((v) => v.annotator === choice.annotator)?.span != null;
  if (choice.kind === 'all') return item.versions.some((v) => v.span !== null);
  return true;
}

/** The state of every disagreement, by id, given the decisions taken (only those that fit count). */
export function itemStates(items: readonly CurationItem[], decisions: ReadonlyMap<string, CurationChoice>): Map<string, ItemState> {
  const fitting = (item: CurationItem) => {
    const choice = decisions.get(item.id);
    return choice && choiceProblem(item, choice) === null ? choice : undefined;
  };
  const unitOutcome = new Map<string, 'kept' | 'none' | 'pending'>();
  for (const item of items) {
    if (item.kind !== 'span') continue;
    const choice = fitting(item);
    unitOutcome.set(item.unitId, choice === undefined ? 'pending' : keepsSomething(item, choice) ? 'kept' : 'none');
  }
  const endOutcome = (end: LinkDisagreement['ends'][number]) => end.ahead ?? (end.article ? 'pending' : (unitOutcome.get(end.unitId) ?? 'pending'));
  const states = new Map<string, ItemState>();
  for (const item of items) {
    const decided = fitting(item) !== undefined;
    if (item.kind !== 'link') {
      states.set(item.id, decided ? 'decided' : 'open');
      continue;
    }
    const ends = item.ends.map(endOutcome);
    const pendingHere = item.ends.some((end, i) => !end.article && ends[i] === 'pending');
    states.set(item.id, ends.includes('none') ? 'moot' : decided ? 'decided' : pendingHere ? 'waiting' : ends.includes('pending') ? 'elsewhere' : 'open');
  }
  return states;
}

/**
 * The counts of a set of states. The disagreements in `settledElsewhere` that are still to decide are
 * counted with the links that wait for another article (see `articleCounts`).
 */
export function countStates(states: ReadonlyMap<string, ItemState>, settledElsewhere: ReadonlySet<string> = new Set()): CurationCounts {
  const counts: CurationCounts = { done: 0, left: 0, waiting: 0, moot: 0, elsewhere: 0 };
  for (const [id, state] of states) {
    if (state === 'decided') counts.done++;
    else if (state === 'moot') counts.moot++;
    else if (state === 'elsewhere' || settledElsewhere.has(id)) counts.elsewhere++;
    else {
      counts.left++;
      if (state === 'waiting') counts.waiting++;
    }
  }
  return counts;
}

/** An article's curation status as the counts read it: what it is, since when (null: never set). */
export interface CurationStanding {
  documentId: string;
  status: WorkStatus;
  updatedAt: string | null;
}

/**
 * Whether a link across articles still to decide holds back `here` rather than the article at its
 * other end: it holds back an article not marked curated; when both are, the one marked curated later
 * (the later id when both were at once), so exactly one is held back, whichever curator marked which.
 */
export function crossLinkHoldsBack(here: CurationStanding, other: CurationStanding): boolean {
  if (here.status !== 'done') return true;
  if (other.status !== 'done') return false;
  const [a, b] = [here.updatedAt ?? '', other.updatedAt ?? ''];
  return a !== b ? a > b : here.documentId > other.documentId;
}

/**
 * The counts of an article's disagreements given the curation statuses of it and the articles its
 * links across articles reach (`others`; one not among them is not started). A link across articles
 * still to decide that holds back the article at its other end (`crossLinkHoldsBack`) is counted with
 * those that wait for another article, not as left here; it can still be settled from either article.
 */
export function articleCounts(items: readonly CurationItem[], states: ReadonlyMap<string, ItemState>, here: CurationStanding, others: readonly CurationStanding[]): CurationCounts {
  const standingOf = (documentId: string) => others.find((o) => o.documentId === documentId) ?? { documentId, status: 'not-started' as const, updatedAt: null };
  const elsewhere = items.filter((i) => {
    const other = i.kind === 'link' ? i.ends.find((e) => e.article)?.article : undefined;
    return other !== undefined && !crossLinkHoldsBack(here, standingOf(other.documentId));
  });
  return countStates(states, new Set(elsewhere.map((i) => i.id)));
}

/**
 * Why a link disagreement cannot be settled yet, or null: both of its ends must be curated first
 * (and neither left out). `states` are every disagreement's (`itemStates`).
 */
export function linkEndsProblem(item: LinkDisagreement, states: ReadonlyMap<string, ItemState>): string | null {
  const state = states.get(item.id);
  if (state === 'moot') return 'One end of this link was left out of the curated layer, so the link cannot be curated.';
  if (state === 'elsewhere') {
    const other = item.ends.find((e) => e.article && e.ahead === null);
    return `Curate “${other?.article?.title ?? 'the other article'}” first: this link’s span there${other ? ` “${excerpt(other.text, SPAN_EXCERPT_CHARS)}”` : ''} is not in its curated layer yet.`;
  }
  if (state !== 'waiting') return null;
  const pending = item.ends.find((e) => !e.article && e.ahead === null && states.get(e.unitId) !== 'decided');
  return `Curate both ends of this link first${pending ? `: “${excerpt(pending.text, SPAN_EXCERPT_CHARS)}” is not settled yet` : ''}.`;
}
