import { useMemo, type ReactNode } from 'react';
import type { Layer } from '../../../../shared/api/contract/index.js';
import type { Label } from '../../../../shared/model/label-schema.js';
import { ANNOTATOR_COLOUR_COUNT, compareSpans, segmentText, type ComparedSegment, type LayerMark } from './layer-comparison.js';

/**
 * Every layer of one article together: a legend (each annotator's colour and initials), the text
 * with each annotator's spans underlined in their colour (stacked where several marked it) and the
 * stretches where the layers disagree highlighted, then a table of every span: who marked it with
 * which label, and whether the layers agree.
 */
export function CompareLayers({ text, labels, layers }: { text: string; labels: readonly Label[]; layers: readonly Layer[] }) {
  const segments = useMemo(() => segmentText(text.length, layers), [text, layers]);
  const spans = useMemo(() => compareSpans(layers), [layers]);
  const labelName = (id: string) => labels.find((l) => l.id === id)?.name ?? id;
  const colour = (layer: number) => `annotator-colour-${layer % ANNOTATOR_COLOUR_COUNT}`;
  const describe = (marks: readonly LayerMark[]) => marks.map((m) => `${layers[m.layer]!.annotator.initials}: ${labelName(m.labelId)}`).join('; ');
  const disagreements = spans.filter((s) => !s.agreed).length;

  return (
    <section className="compare-layers" aria-label="Compare layers">
      <ul className="compare-legend" aria-label="Annotators">
        {layers.map((layer, i) => (
          <li key={layer.annotator.id}>
            <span className={`annotator-initials ${colour(i)}`} aria-hidden="true">
              {layer.annotator.initials}
            </span>
            {layer.annotator.name}
            {layer.annotator.isMe ? ' (you)' : ''} — {layer.annotations.length} {layer.annotations.length === 1 ? 'annotation' : 'annotations'}
          </li>
        ))}
        <li className="compare-legend-disagree">
          <span className="compare-disagree-sample" aria-hidden="true">
            abc
          </span>
          layers disagree ({disagreements} of {spans.length} {spans.length === 1 ? 'span' : 'spans'})
        </li>
      </ul>
      <div className="compare-text">
        {segments.map((segment) => (
          <CompareSegment key={segment.start} segment={segment} text={text} colour={colour} title={describe(segment.marks)} />
        ))}
      </div>
      <table className="compare-table">
        <caption>Spans of every layer</caption>
        <thead>
          <tr>
            <th scope="col">Text</th>
            {layers.map((layer, i) => (
              <th scope="col" key={layer.annotator.id}>
                <span className={`annotator-initials ${colour(i)}`} aria-hidden="true">
                  {layer.annotator.initials}
                </span>
                {layer.annotator.name}
              </th>
            ))}
            <th scope="col">Layers</th>
          </tr>
        </thead>
        <tbody>
          {spans.map((span) => (
            <tr key={span.key} className={span.agreed ? undefined : 'compare-row-disagree'}>
              <td>“{span.text.length > 80 ? `${span.text.slice(0, 79)}…` : span.text}”</td>
              {layers.map((layer, i) => (
                <td key={layer.annotator.id}>
                  {span.marks
                    .filter((m) => m.layer === i)
                    .map((m) => labelName(m.labelId))
                    .join(', ') || '—'}
                </td>
              ))}
              <td>{span.agreed ? 'Agree' : 'Differ'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One stretch of text: plain, or underlined once per annotator who marked it (nested), highlighted where they disagree. */
function CompareSegment({ segment, text, colour, title }: { segment: ComparedSegment; text: string; colour: (layer: number) => string; title: string }) {
  const words = text.slice(segment.start, segment.end);
  if (segment.marks.length === 0) return <>{words}</>;
  const layersMarking = [...new Set(segment.marks.map((m) => m.layer))];
  let content: ReactNode = words;
  layersMarking.forEach((layer, depth) => {
    content = <span className={`layer-mark ${colour(layer)} layer-depth-${Math.min(depth, 3)}`}>{content}</span>;
  });
  return (
    <span className={segment.disagree ? 'compare-segment compare-disagree' : 'compare-segment'} title={title}>
      {content}
    </span>
  );
}
