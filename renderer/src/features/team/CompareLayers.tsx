import { useEffect, useMemo, useRef, type ReactNode, type RefObject } from 'react';
import type { Layer } from '../../../../shared/api/contract/index.js';
import type { Label } from '../../../../shared/model/label-schema.js';
import type { ComparedPlace } from './compared-place.js';
import { ANNOTATOR_COLOUR_COUNT, compareSpans, segmentText, type ComparedSegment, type LayerMark } from './layer-comparison.js';

/**
 * Every layer of one article together: a legend (each annotator's colour and initials), the text
 * with each annotator's spans underlined in their colour (stacked where several marked it) and the
 * stretches where the layers disagree highlighted, then a table of every span: who marked it with
 * which label, and whether the layers agree. A `place` asked for (from the agreement view) is
 * outlined, scrolled to and focused, and so are the rows of the spans there.
 */
export function CompareLayers({ text, labels, layers, place = null }: { text: string; labels: readonly Label[]; layers: readonly Layer[]; place?: ComparedPlace | null }) {
  const segments = useMemo(() => segmentText(text.length, layers), [text, layers]);
  const placeStart = useRef<HTMLElement | null>(null);
  useEffect(() => {
    placeStart.current?.scrollIntoView({ block: 'center' });
    placeStart.current?.focus({ preventScroll: true });
  }, [place, segments]);
  const atPlace = (start: number, end: number) => place !== null && start < place.end && end > place.start;
  let firstAtPlace = true;
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
        {segments.map((segment) => {
          const outlined = atPlace(segment.start, segment.end);
          const first = outlined && firstAtPlace;
          if (first) firstAtPlace = false;
          return (
            <CompareSegment
              key={segment.start}
              segment={segment}
              text={text}
              colour={colour}
              title={describe(segment.marks)}
              outlined={outlined}
              anchor={first ? placeStart : undefined}
            />
          );
        })}
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
            <tr key={span.key} className={[span.agreed ? '' : 'compare-row-disagree', atPlace(span.start, span.end) ? 'compare-row-place' : ''].join(' ').trim() || undefined}>
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

interface CompareSegmentProps {
  segment: ComparedSegment;
  text: string;
  colour: (layer: number) => string;
  title: string;
  /** Inside the place asked for: outlined. */
  outlined: boolean;
  /** Set on the place's first stretch, which is scrolled to and focused. */
  anchor?: RefObject<HTMLElement | null> | undefined;
}

/** One stretch of text: plain, or underlined once per annotator who marked it (nested), highlighted where they disagree. */
function CompareSegment({ segment, text, colour, title, outlined, anchor }: CompareSegmentProps) {
  const words = text.slice(segment.start, segment.end);
  if (outlined) {
    return (
      <span className="compare-place" ref={anchor as RefObject<HTMLSpanElement | null> | undefined} tabIndex={anchor ? -1 : undefined}>
        <CompareSegment segment={segment} text={text} colour={colour} title={title} outlined={false} />
      </span>
    );
  }
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
