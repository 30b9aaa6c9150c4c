import { forwardRef } from 'react';
import type { Annotator } from '../../../../shared/api/contract/index.js';
import type { CurationItem } from '../../../../shared/curation/curation-items.js';
import { linkEndsProblem, type ItemState } from '../../../../shared/curation/curation-progress.js';
import type { CurationChoice } from '../../../../shared/model/curation.js';
import type { Label, LinkType } from '../../../../shared/model/label-schema.js';
import { ChoiceEditor } from './ChoiceEditor.js';
import type { Curating } from './use-curation.js';
import { describeChoice } from './use-curation.js';
import { VersionColumns } from './VersionColumns.js';

/** Props of the one disagreement shown. */
export interface DisagreementCardProps {
  curating: Curating;
  item: CurationItem;
  annotators: readonly Annotator[];
  text: string;
  labels: readonly Label[];
  linkTypes: readonly LinkType[];
  readOnly: boolean;
}

const KIND_NAMES: Readonly<Record<CurationItem['kind'], string>> = { span: 'span', attributes: 'attribute values', link: 'link' };
const STATE_NAMES: Readonly<Record<ItemState, string>> = {
  open: 'to decide',
  decided: 'decided',
  waiting: 'waiting for its spans',
  elsewhere: 'waiting for the other article',
  moot: 'dropped: a span it joins was left out',
};

/**
 * One disagreement: what it is about and where it stands, every annotator's version side by side
 * (keys 1–9 take them), the other choices (both, none, edit) with their keys, and the editor while
 * editing. Its heading takes the focus when it is shown, so a screen reader says which one it is.
 */
export const DisagreementCard = forwardRef<HTMLHeadingElement, DisagreementCardProps>(function DisagreementCard(
  { curating, item, annotators, text, labels, linkTypes, readOnly },
  heading,
) {
  const { view, position, states, decisions, editing } = curating;
  const decision: CurationChoice | undefined = decisions.get(item.id);
  const state = states.get(item.id) ?? 'open';
  const nameOf = (id: string) => annotators.find((a) => a.id === id)?.name ?? id;
  const other = item.kind === 'link' ? item.ends.find((e) => e.article)?.article : undefined;
  const distinct = item.kind === 'span' ? new Set(item.versions.flatMap((v) => (v.span ? [JSON.stringify([v.span.ranges, v.span.labelId])] : []))).size : 2;
  return (
    <section className="curation-card" aria-labelledby="disagreement-title">
      <h2 id="disagreement-title" ref={heading} tabIndex={-1}>
        Disagreement {position + 1} of {view?.items.length ?? 0}: {other ? 'link across articles' : KIND_NAMES[item.kind]} <span className={`curation-state curation-state-${state}`}>({STATE_NAMES[state]})</span>
      </h2>
      {item.kind === 'attributes' && (
        <p className="curation-about">
          On “{text.slice(item.span.ranges[0]!.start, Math.min(item.span.ranges[item.span.ranges.length - 1]!.end, item.span.ranges[0]!.start + 200))}” ({labels.find((l) => l.id === item.span.labelId)?.name ?? item.span.labelId}
          ), which the policy let through: {item.names.join(', ')} differ.
        </p>
      )}
      {item.kind === 'link' && !other && (
        <p className="curation-about">
          Between the first span “{item.ends[0].text}” and the second “{item.ends[1].text}”.
        </p>
      )}
      {item.kind === 'link' && other && <CrossArticleEnds ends={item.ends} waiting={state === 'elsewhere' ? linkEndsProblem(item, states) : null} />}
      {decision && (
        <p className="curation-decided">
          Decided: {describeChoice(item, decision, nameOf)}. Choose again to change it; <kbd>Ctrl</kbd> + <kbd>Z</kbd> takes it back.
        </p>
      )}
      <VersionColumns item={item} annotators={annotators} labels={labels} linkTypes={linkTypes} decision={decision} onTake={(column) => curating.choose({ kind: 'annotator', annotator: annotators[column]!.id })} />
      {editing ? (
        <ChoiceEditor item={item} draft={editing} text={text} labels={labels} linkTypes={linkTypes} onChange={curating.changeDraft} onFinish={curating.finishEdit} onCancel={curating.cancelEdit} />
      ) : (
        <div className="curation-choices" role="group" aria-label="Other choices">
          {item.kind !== 'attributes' && (
            <button type="button" disabled={readOnly} aria-pressed={decision?.kind === 'all'} onClick={() => curating.choose({ kind: 'all' })}>
              <kbd>b</kbd> {item.kind === 'link' ? 'Keep every link' : distinct > 2 ? 'Keep all' : 'Keep both'}
            </button>
          )}
          <button type="button" disabled={readOnly} aria-pressed={decision?.kind === 'none'} onClick={() => curating.choose({ kind: 'none' })}>
            <kbd>0</kbd> Keep none
          </button>
          <button type="button" disabled={readOnly} aria-pressed={decision?.kind === 'edit'} onClick={() => curating.startEdit(0)}>
            <kbd>e</kbd> Edit
          </button>
          <span className="curation-move">
            <button type="button" onClick={() => curating.move(-1)} disabled={position === 0}>
              <kbd>k</kbd> Previous
            </button>
            <button type="button" onClick={() => curating.move(1)} disabled={position + 1 >= (view?.items.length ?? 0)}>
              <kbd>j</kbd> Next
            </button>
          </span>
        </div>
      )}
    </section>
  );
});

/**
 * The two ends of a link across articles: which article each is in (this one, or the other by its
 * title), the quoted text of each, and, while the other article is not curated, that it must be first
 * (`waiting`: why, as the services word it).
 */
function CrossArticleEnds({ ends, waiting }: { ends: Extract<CurationItem, { kind: 'link' }>['ends']; waiting: string | null }) {
  return (
    <>
      <dl className="curation-about curation-ends">
        {ends.map((end, n) => (
          <div key={end.unitId}>
            <dt>{n === 0 ? 'First span' : 'Second span'}, {end.article ? <>in “{end.article.title}”</> : 'in this article'}</dt>
            <dd>
              <q>{end.text}</q>
            </dd>
          </div>
        ))}
      </dl>
      {waiting && (
        <p className="curation-waiting" role="note">
          {waiting} It does not hold this article back.
        </p>
      )}
    </>
  );
}
