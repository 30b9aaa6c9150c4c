import type { Annotator } from '../../../../shared/api/contract/index.js';
import type { AttributeValues, CurationItem, ItemContext } from '../../../../shared/curation/curation-items.js';
import type { VersionLink } from '../../../../shared/curation/link-versions.js';
import type { CurationChoice } from '../../../../shared/model/curation.js';
import type { Label, LinkType } from '../../../../shared/model/label-schema.js';
import { ANNOTATOR_COLOUR_COUNT } from '../team/layer-comparison.js';

/** Props of the annotators' versions of one disagreement, side by side. */
export interface VersionColumnsProps {
  item: CurationItem;
  annotators: readonly Annotator[];
  labels: readonly Label[];
  linkTypes: readonly LinkType[];
  /** The decision taken, if any (its annotator's column is marked chosen). */
  decision: CurationChoice | undefined;
  onTake(column: number): void;
}

/**
 * Every annotator's version of one disagreement side by side, numbered as the keys that take them:
 * their span in its context (the stretch where the versions differ outlined, their label named) with
 * its attribute values, their attribute values alone (those that differ emphasised), or their links
 * between the two spans.
 */
export function VersionColumns({ item, annotators, labels, linkTypes, decision, onTake }: VersionColumnsProps) {
  const labelName = (id: string) => labels.find((l) => l.id === id)?.name ?? id;
  const spanLabels = item.kind === 'span' ? new Set(item.versions.flatMap((v) => (v.span ? [v.span.labelId] : []))) : new Set<string>();
  // A span's attribute values come with it when its version is taken, so each version shows them.
  const spanAttributes = item.kind === 'span' ? item.versions.map((v) => v.span?.attributes ?? null) : [];
  const spanAttributeNames = [...new Set(spanAttributes.flatMap((values) => Object.keys(values ?? {})))];
  return (
    <ol className="curation-versions" aria-label="Each annotator’s version">
      {annotators.map((annotator, column) => {
        const chosen = decision?.kind === 'annotator' && decision.annotator === annotator.id;
        const has = hasVersion(item, column);
        return (
          <li key={annotator.id} className={`curation-version annotator-colour-${column % ANNOTATOR_COLOUR_COUNT}${chosen ? ' chosen' : ''}`}>
            <h3 className="curation-version-head">
              <kbd>{column + 1}</kbd>
              <span className="annotator-initials" aria-hidden="true">
                {annotator.initials}
              </span>
              {annotator.name}
              {annotator.isMe ? ' (you)' : ''}
              {chosen && <span className="curation-chosen"> ✓ chosen</span>}
            </h3>
            {item.kind === 'span' &&
              (item.versions[column]?.span ? (
                <>
                  <p className="curation-label">
                    <span className={`label-chip label-${item.versions[column]!.span!.labelId}`}>{labelName(item.versions[column]!.span!.labelId)}</span>
                    {spanLabels.size > 1 && <span className="curation-differs-note"> label differs</span>}
                  </p>
                  <SpanInContext context={item.context} ranges={item.versions[column]!.span!.ranges} others={item.versions.map((v) => v.span?.ranges ?? null)} />
                  {spanAttributeNames.length > 0 && <ValuesOf values={spanAttributes[column] ?? null} names={spanAttributeNames} all={spanAttributes} />}
                </>
              ) : (
                <p className="curation-nothing">Marked nothing here.</p>
              ))}
            {item.kind === 'attributes' && <ValuesOf values={item.versions[column]?.attributes ?? null} names={item.names} all={item.versions.map((v) => v.attributes)} />}
            {item.kind === 'link' && <LinksOf links={item.versions[column]?.links ?? []} linkTypes={linkTypes} />}
            <button type="button" className="curation-take" onClick={() => onTake(column)} disabled={!has} aria-pressed={chosen}>
              <kbd>{column + 1}</kbd> Take {annotator.name}’s
            </button>
          </li>
        );
      })}
    </ol>
  );
}

/** Whether the annotator in `column` has a say: for attribute values only those who marked the span do. */
function hasVersion(item: CurationItem, column: number): boolean {
  return item.kind !== 'attributes' || item.versions[column]?.attributes != null;
}

/**
 * The context with one version's span marked, and the stretches where the versions differ (covered
 * by some annotators but not all) outlined. A span longer than the context is marked as far as it goes.
 */
export function SpanInContext({ context, ranges, others }: { context: ItemContext; ranges: readonly { start: number; end: number }[]; others: readonly (readonly { start: number; end: number }[] | null)[] }) {
  const from = context.start;
  const to = from + context.text.length;
  const cuts = new Set([from, to]);
  for (const list of [ranges, ...others]) for (const r of list ?? []) for (const at of [r.start, r.end]) if (at > from && at < to) cuts.add(at);
  const points = [...cuts].sort((a, b) => a - b);
  const covers = (list: readonly { start: number; end: number }[] | null, at: number) => list !== null && list.some((r) => r.start <= at && at < r.end);
  return (
    <p className="curation-context">
      {points.slice(0, -1).map((start, i) => {
        const end = points[i + 1]!;
        const words = context.text.slice(start - from, end - from);
        const mine = covers(ranges, start);
        const covering = others.filter((list) => covers(list, start)).length;
        const differs = covering > 0 && covering < others.length;
        if (!mine && !differs) return <span key={start}>{words}</span>;
        const className = [mine ? 'curation-span' : '', differs ? 'curation-differs' : ''].join(' ').trim();
        return mine ? (
          <mark key={start} className={className}>
            {words}
          </mark>
        ) : (
          <span key={start} className={className}>
            {words}
          </span>
        );
      })}
    </p>
  );
}

/** One annotator's values of the disputed attributes (those that differ from someone else's emphasised). */
function ValuesOf({ values, names, all }: { values: AttributeValues | null; names: readonly string[]; all: readonly (AttributeValues | null)[] }) {
  if (values === null) return <p className="curation-nothing">Marked another span here, so has no say on its values.</p>;
  const shown = (value: unknown) => (value === undefined ? '—' : String(value));
  return (
    <dl className="curation-values">
      {names.map((name) => {
        const differs = new Set(all.filter((v): v is AttributeValues => v !== null).map((v) => shown(v[name]))).size > 1;
        return (
          <div key={name} className={differs ? 'curation-differs' : undefined}>
            <dt>{name}</dt>
            <dd>{shown(values[name])}</dd>
          </div>
        );
      })}
    </dl>
  );
}

/** One annotator's links between the two spans of a link disagreement. */
function LinksOf({ links, linkTypes }: { links: readonly VersionLink[]; linkTypes: readonly LinkType[] }) {
  if (links.length === 0) return <p className="curation-nothing">No link.</p>;
  return (
    <ul className="curation-links">
      {links.map((link) => (
        <li key={`${link.typeId}${link.reversed}`}>{describeLink(link, linkTypes)}</li>
      ))}
    </ul>
  );
}

/** A link of a version in words: "Supports: later → earlier", "Same". */
export function describeLink(link: VersionLink, linkTypes: readonly LinkType[]): string {
  const type = linkTypes.find((t) => t.id === link.typeId);
  const name = type?.name ?? link.typeId;
  if (type && !type.directed) return name;
  return `${name}: ${link.reversed ? 'second → first' : 'first → second'}`;
}
