import { useEffect, useMemo, useRef, useState } from 'react';
import type { CurationProgress, CurationView } from '../../../../shared/api/contract/index.js';
import type { CurationItem } from '../../../../shared/curation/curation-items.js';
import { describePolicy, type PolicyRule } from '../../../../shared/curation/curation-policy.js';
import { articleCounts, choiceProblem, itemStates, linkEndsProblem, type CurationCounts, type ItemState } from '../../../../shared/curation/curation-progress.js';
import type { WorkStatus } from '../../../../shared/model/assignment.js';
import type { CurationChoice } from '../../../../shared/model/curation.js';
import { useCache, useWorkbenchState } from '../../client/workbench-context.js';
import type { EditCommand } from '../history/edit-history.js';
import type { Edits } from '../history/use-edits.js';
import { curationStatusesOf } from './curation-statuses.js';
import { draftChoice, startDraft, type EditDraft } from './edit-draft.js';

/** One article's curation as the Curate view shows and changes it. */
export interface Curating {
  /** What the services computed (null while reading). */
  view: CurationView | null;
  /** Why it could not be read. */
  error: string | null;
  /** Each disagreement's decision, as shown (changed at a key press, before the services answer). */
  decisions: ReadonlyMap<string, CurationChoice>;
  states: ReadonlyMap<string, ItemState>;
  counts: CurationCounts;
  status: WorkStatus;
  /** How many annotations the curated layer holds in the article, as the services last said. */
  curatedAnnotations: number;
  /** Which disagreement is shown (its index among `view.items`). */
  position: number;
  /** The disagreement shown, if any. */
  item: CurationItem | null;
  /** The edit under way, if any. */
  editing: EditDraft | null;
  /** Shows the next (1) or previous (-1) disagreement. */
  move(by: 1 | -1): void;
  /** Settles the shown disagreement, then shows the next one left. */
  choose(choice: CurationChoice): void;
  /** Starts editing the shown disagreement from the version in column `from`. */
  startEdit(from: number): void;
  /** Changes the edit under way. */
  changeDraft(change: (draft: EditDraft) => EditDraft): void;
  /** Settles the shown disagreement as edited. */
  finishEdit(): void;
  cancelEdit(): void;
  applyPolicy(rule: PolicyRule): void;
  /** Marks the article curated (once nothing is left). */
  markCurated(): void;
}

const NO_DECISIONS: ReadonlyMap<string, CurationChoice> = new Map();

/**
 * The Curate view's state for one article: read once from the services, then every choice shown at
 * the key press (the next disagreement at once) and sent as an undoable edit: undo and redo send the
 * decision before or after again, and show that disagreement.
 */
export function useCuration(documentId: string, edits: Edits, notice: (message: string) => void): Curating {
  const cache = useCache();
  const workspace = useWorkbenchState((state) => state.workspace);
  const [view, setView] = useState<CurationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [decisions, setDecisions] = useState(NO_DECISIONS);
  const [status, setStatus] = useState<WorkStatus>('not-started');
  const [statusUpdatedAt, setStatusUpdatedAt] = useState<string | null>(null);
  const [curatedAnnotations, setCuratedAnnotations] = useState(0);
  const [position, setPosition] = useState(0);
  const [editing, setEditing] = useState<EditDraft | null>(null);
  const shown = useRef(documentId);
  shown.current = documentId;
  // Choices sent but not answered yet: a view read meanwhile shows them too.
  const unanswered = useRef(new Map<string, CurationChoice | null>());
  const statuses = curationStatusesOf(cache);

  const progressed = (progress: CurationProgress) => {
    statuses.patch(progress.documentId, progress.status);
    if (shown.current !== progress.documentId) return;
    setStatus(progress.status);
    setStatusUpdatedAt(progress.statusUpdatedAt);
    setCuratedAnnotations(progress.curatedAnnotations);
  };
  const showView = (next: CurationView) => {
    if (shown.current !== next.documentId) return;
    const map = new Map(next.decisions.map((d) => [d.id, d.choice]));
    for (const [id, choice] of unanswered.current) choice ? map.set(id, choice) : map.delete(id);
    setView(next);
    setDecisions(map);
    progressed(next);
    setPosition(firstLeft(next.items, itemStates(next.items, map)));
    setEditing(null);
  };
  const setDecision = (forDocument: string, itemId: string, choice: CurationChoice | null) => {
    if (shown.current !== forDocument) return;
    setDecisions((current) => withDecision(current, itemId, choice));
  };

  useEffect(() => {
    let current = true;
    setView(null);
    setError(null);
    cache.api.openCuration({ documentId }).then(
      (read) => current && showView(read),
      (failure: unknown) => current && setError((failure as Error).message),
    );
    return () => {
      current = false;
    };
  }, [cache, documentId, workspace]);

  const items = view?.items ?? [];
  const shownItems = useRef(items);
  shownItems.current = items;
  const states = useMemo(() => itemStates(items, decisions), [items, decisions]);
  const linked = view?.linkedStatuses;
  const counts = useMemo(
    () => articleCounts(items, states, { documentId, status, updatedAt: statusUpdatedAt }, linked ?? []),
    [items, states, documentId, status, statusUpdatedAt, linked],
  );
  const item = items[position] ?? null;
  const nameOf = (annotator: string) => view?.annotators.find((a) => a.id === annotator)?.name ?? annotator;

  /** Sends one decision as an undoable edit; what is shown changes at once and is put back if it is refused. */
  const send = (itemId: string, choice: CurationChoice | null, before: CurationChoice | null, description: string) =>
    edits.run(async (): Promise<EditCommand> => {
      const forDocument = documentId;
      const put = async (value: CurationChoice | null) => {
        unanswered.current.set(itemId, value);
        try {
          progressed(await cache.api.settleDisagreement({ documentId: forDocument, itemId, choice: value }));
        } finally {
          unanswered.current.delete(itemId);
        }
        setDecision(forDocument, itemId, value);
      };
      try {
        await put(choice);
      } catch (failure) {
        setDecision(forDocument, itemId, before);
        throw failure;
      }
      const reveal = () => {
        const at = shownItems.current.findIndex((i) => i.id === itemId);
        if (shown.current === forDocument && at >= 0) setPosition(at);
      };
      return { description, undo: () => put(before).then(reveal), redo: () => put(choice).then(reveal) };
    });

  const choose = (choice: CurationChoice) => {
    if (!view || !item) return;
    const problem = choiceProblem(item, choice) ?? (item.kind === 'link' ? linkEndsProblem(item, states) : null);
    if (problem) return notice(problem);
    const before = decisions.get(item.id) ?? null;
    const after = withDecision(decisions, item.id, choice);
    setDecisions(after);
    setEditing(null);
    setPosition(nextLeft(view.items, itemStates(view.items, after), position));
    void send(item.id, choice, before, describeChoice(item, choice, nameOf));
  };

  const applyPolicy = (rule: PolicyRule) => {
    if (!view) return;
    const before = view.policy;
    const forDocument = documentId;
    const apply = async (policy: PolicyRule) => showView(await cache.api.applyCurationPolicy({ documentId: forDocument, policy: { kind: policy.kind, fraction: policy.fraction } }));
    void edits.run(async () => {
      await apply(rule);
      return { description: `Curation policy: ${describePolicy(rule)}`, undo: () => apply(before), redo: () => apply(rule) };
    });
  };

  const markCurated = () => {
    if (!view) return;
    if (counts.left > 0) return notice(`${counts.left} ${counts.left === 1 ? 'disagreement is' : 'disagreements are'} left to decide before this article can be marked curated.`);
    if (status === 'done') return notice('This article is already marked curated.');
    const before = status;
    const forDocument = documentId;
    const mark = async (next: WorkStatus) => progressed(await cache.api.setCurationStatus({ documentId: forDocument, status: next }));
    void edits.run(async () => {
      await mark('done');
      return { description: 'Mark curated', undo: () => mark(before), redo: () => mark('done') };
    });
  };

  return {
    view,
    error,
    decisions,
    states,
    counts,
    status,
    curatedAnnotations,
    position,
    item,
    editing,
    move: (by) => {
      setEditing(null);
      setPosition((p) => Math.min(Math.max(0, p + by), Math.max(0, items.length - 1)));
    },
    choose,
    startEdit: (from) => {
      if (item) setEditing(startDraft(item, from, workspace?.linkTypes ?? [], decisions.get(item.id)));
    },
    changeDraft: (change) => setEditing((draft) => draft && change(draft)),
    finishEdit: () => editing && editing.itemId === item?.id && choose(draftChoice(editing)),
    cancelEdit: () => setEditing(null),
    applyPolicy,
    markCurated,
  };
}

/** The decisions with one set (or taken back, with null). */
function withDecision(decisions: ReadonlyMap<string, CurationChoice>, itemId: string, choice: CurationChoice | null): ReadonlyMap<string, CurationChoice> {
  const next = new Map(decisions);
  if (choice) next.set(itemId, choice);
  else next.delete(itemId);
  return next;
}

function isLeft(state: ItemState | undefined): boolean {
  return state === 'open' || state === 'waiting';
}

/** The first disagreement still to settle (an open one before one waiting for its ends), else the first. */
function firstLeft(items: readonly CurationItem[], states: ReadonlyMap<string, ItemState>): number {
  const open = items.findIndex((i) => states.get(i.id) === 'open');
  return open >= 0 ? open : Math.max(0, items.findIndex((i) => isLeft(states.get(i.id))));
}

/** The next disagreement still to settle after `from` (wrapping round), else `from` itself. */
function nextLeft(items: readonly CurationItem[], states: ReadonlyMap<string, ItemState>, from: number): number {
  for (let step = 1; step <= items.length; step++) {
    const at = (from + step) % items.length;
    if (states.get(items[at]!.id) === 'open') return at;
  }
  return from;
}

/** A decision in words, for the undo menu: "Take Ana López’s version", "Keep both", "Keep none", "Edit the span". */
export function describeChoice(item: CurationItem, choice: CurationChoice, nameOf: (annotator: string) => string): string {
  const what = item.kind === 'span' ? 'version' : item.kind === 'attributes' ? 'values' : 'links';
  switch (choice.kind) {
    case 'annotator':
      return `Take ${nameOf(choice.annotator)}’s ${what}`;
    case 'all':
      return item.versions.length === 2 ? 'Keep both' : 'Keep all';
    case 'none':
      return 'Keep none';
    case 'edit':
      return `Edit the ${item.kind === 'span' ? 'span' : item.kind === 'attributes' ? 'values' : 'link'}`;
  }
}
