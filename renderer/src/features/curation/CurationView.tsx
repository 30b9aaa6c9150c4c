import { useEffect, useRef, useState } from 'react';
import type { Layer, OpenedDocument } from '../../../../shared/api/contract/index.js';
import { WORK_STATUS_NAMES } from '../../../../shared/model/assignment.js';
import type { Label } from '../../../../shared/model/label-schema.js';
import { useCache, useWorkbenchState } from '../../client/workbench-context.js';
import type { Edits } from '../history/use-edits.js';
import { CompareLayers } from '../team/CompareLayers.js';
import { choosingKey, editingKey } from './curation-keys.js';
import { DisagreementCard } from './DisagreementCard.js';
import { moveEdge } from './edit-draft.js';
import { PolicyControl } from './PolicyControl.js';
import { useCuration, type Curating } from './use-curation.js';
import './curation.css';
import '../team/team.css';

/** Props of the Curate view. */
export interface CurationViewProps {
  /** The open article (the one curated), or null when none is open. */
  opened: OpenedDocument | null;
  edits: Edits;
  notice(message: string): void;
}

/**
 * The Curate view of the open article: every annotator's layer turned into its curated layer. The
 * policy and what it merged ahead; one disagreement at a time, each annotator's version side by side
 * (keys 1–9 take one, b both, 0 or x none, e edit, j / k move); how many are done and left; and, when
 * none is left, Mark curated (key m). Every layer aligned can be opened below.
 */
export function CurationView({ opened, edits, notice }: CurationViewProps) {
  if (!opened) {
    return (
      <section className="overview curation" aria-labelledby="curation-title">
        <h1 id="curation-title">Curate</h1>
        <p className="hint">Open an article first (in the Article view), then press c or choose Curate to settle its annotators’ disagreements.</p>
      </section>
    );
  }
  return <CurateArticle key={opened.meta.id} opened={opened} edits={edits} notice={notice} />;
}

function CurateArticle({ opened, edits, notice }: { opened: OpenedDocument; edits: Edits; notice(message: string): void }) {
  const workspace = useWorkbenchState((state) => state.workspace);
  const labels = workspace?.labels ?? [];
  const readOnly = workspace?.readOnly ?? true;
  const curating = useCuration(opened.meta.id, edits, notice);
  const { view, item, counts, status } = curating;
  const heading = useRef<HTMLHeadingElement>(null);
  const markButton = useRef<HTMLButtonElement>(null);
  useCurationKeys(curating, opened.text, labels, readOnly);
  // The disagreement shown takes the focus (unless the keyboard is in a field), so it is read out.
  useEffect(() => {
    if (!isInField(document.activeElement)) heading.current?.focus({ preventScroll: false });
  }, [item?.id]);
  // An edit kept or left takes its form away: the focus comes back to the disagreement, so its keys work at once.
  const editing = curating.editing !== null;
  useEffect(() => {
    if (!editing && (document.activeElement === null || document.activeElement === document.body)) heading.current?.focus({ preventScroll: true });
  }, [editing]);
  useEffect(() => {
    if (view && counts.left === 0 && status !== 'done' && !isInField(document.activeElement)) markButton.current?.focus();
  }, [view, counts.left, status]);

  if (curating.error) return <p className="layer-error" role="alert">The curation of “{opened.meta.title}” could not be read: {curating.error}</p>;
  if (!view) return <p className="hint">Aligning every annotator’s layer…</p>;
  return (
    <section className="overview curation" aria-labelledby="curation-title">
      <header className="curation-head">
        <h1 id="curation-title">Curate “{opened.meta.title}”</h1>
        <p className="curation-counts" role="status">
          {view.annotators.length} {view.annotators.length === 1 ? 'annotator' : 'annotators'} · {counts.done} done · {counts.left} left
          {counts.waiting > 0 ? ` (${counts.waiting} ${counts.waiting === 1 ? 'link waits' : 'links wait'} for their spans)` : ''}
          {counts.moot > 0 ? ` · ${counts.moot} dropped` : ''}
          {counts.elsewhere > 0 ? ` · ${counts.elsewhere} ${counts.elsewhere === 1 ? 'link waits' : 'links wait'} for another article` : ''} · {curating.curatedAnnotations} in the curated layer · {status === 'done' ? '✓ ' : ''}
          {WORK_STATUS_NAMES[status]}
        </p>
        {counts.left === 0 && (
          <button ref={markButton} type="button" className="primary" disabled={readOnly || status === 'done'} onClick={curating.markCurated}>
            {status === 'done' ? 'Curated' : 'Mark curated'}
          </button>
        )}
      </header>
      <PolicyControl policy={view.policy} mergedAhead={view.mergedAhead} units={view.units} mergedAheadLinks={view.mergedAheadLinks} readOnly={readOnly} onApply={curating.applyPolicy} />
      {view.annotators.length < 2 && <p className="hint">Curation compares annotators: this article has {view.annotators.length === 0 ? 'no layer yet' : 'one annotator’s layer'}.</p>}
      {item ? (
        <DisagreementCard ref={heading} curating={curating} item={item} annotators={view.annotators} text={opened.text} labels={labels} linkTypes={workspace?.linkTypes ?? []} readOnly={readOnly} />
      ) : (
        <p className="curation-none">No disagreements: under this policy everything the annotators marked goes into the curated layer as it is.</p>
      )}
      <AlignedLayers opened={opened} labels={labels} />
    </section>
  );
}

/** Every layer of the article aligned (the compare view), read when opened. */
function AlignedLayers({ opened, labels }: { opened: OpenedDocument; labels: readonly Label[] }) {
  const cache = useCache();
  const [open, setOpen] = useState(false);
  const [layers, setLayers] = useState<readonly Layer[] | null>(null);
  useEffect(() => {
    if (!open) return;
    let current = true;
    void cache.api.listLayers({ documentId: opened.meta.id }).then((read) => current && setLayers(read));
    return () => {
      current = false;
    };
  }, [open, cache, opened.meta.id]);
  return (
    <details className="curation-layers" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Every layer aligned</summary>
      {open && (layers ? <CompareLayers text={opened.text} labels={labels} layers={layers} /> : <p className="hint">Reading the layers…</p>)}
    </details>
  );
}

/** Whether the keyboard is in a field or a dialog, which keep their keys. */
function isInField(element: Element | null): boolean {
  return !!element?.closest('input, textarea, select, dialog, [role="dialog"]');
}

/** The Curate view's keys, on the whole window while it is shown (fields and dialogs keep theirs). */
function useCurationKeys(curating: Curating, text: string, labels: readonly Label[], readOnly: boolean): void {
  const latest = useRef({ curating, text, labels, readOnly });
  latest.current = { curating, text, labels, readOnly };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      const { curating, text, labels, readOnly } = latest.current;
      const target = event.target instanceof Element ? event.target : null;
      if (event.defaultPrevented || isInField(target)) return;
      const key = curating.editing ? null : choosingKey(event);
      if (key?.kind === 'mark') {
        event.preventDefault();
        if (!readOnly) curating.markCurated();
        return;
      }
      if (!curating.item) return;
      if (curating.editing) {
        if (target?.closest('button')) return;
        const key = editingKey(event, labels);
        if (!key) return;
        event.preventDefault();
        if (key.kind === 'confirm') curating.finishEdit();
        else if (key.kind === 'cancel') curating.cancelEdit();
        else if (key.kind === 'label') curating.changeDraft((d) => (d.kind === 'span' ? { ...d, labelId: key.labelId } : d));
        else curating.changeDraft((d) => (d.kind === 'span' ? moveEdge(d, text, key.edge, key.direction, key.word) : d));
        return;
      }
      if (!key) return;
      event.preventDefault();
      if (key.kind === 'move') return curating.move(key.by);
      if (readOnly) return;
      const annotators = curating.view?.annotators ?? [];
      if (key.kind === 'take') {
        const annotator = annotators[key.column];
        if (annotator) curating.choose({ kind: 'annotator', annotator: annotator.id });
      } else if (key.kind === 'all') curating.choose({ kind: 'all' });
      else if (key.kind === 'none') curating.choose({ kind: 'none' });
      else if (key.kind === 'edit') {
        const decided = curating.decisions.get(curating.item.id);
        curating.startEdit(Math.max(0, decided?.kind === 'annotator' ? annotators.findIndex((a) => a.id === decided.annotator) : 0));
      }
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
