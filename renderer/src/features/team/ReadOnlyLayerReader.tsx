import { useEffect, useMemo, useRef, useState } from 'react';
import type { OpenedDocument } from '../../../../shared/api/contract/index.js';
import type { Label } from '../../../../shared/model/label-schema.js';
import { DocumentView, type DocumentViewHandle } from '../../document-view/DocumentView.js';
import type { OverlayRanges } from '../../document-view/overlay-decorations.js';
import { CompareLayers } from './CompareLayers.js';
import { isEditingKey, type Layers } from './use-layers.js';

const NO_FOCUS = { annotationId: null, scroll: false };
const NO_OVERLAY: OverlayRanges = { searchHits: [], currentHit: -1, pending: [], saving: [] };

/**
 * The open article in another annotator's layer (read-only) or with every layer compared. Keys that
 * would change a layer are refused here with a notice saying why and what to do; nothing is sent.
 */
export function ReadOnlyLayerReader({ opened, labels, layers }: { opened: OpenedDocument; labels: readonly Label[]; layers: Layers }) {
  const view = useRef<DocumentViewHandle | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const { choice, shown, notice, revealed } = layers;
  // An annotation the history asked to show is picked and scrolled to once the layer is read.
  const focus = useMemo(() => (revealed ? { annotationId: revealed, scroll: true } : NO_FOCUS), [revealed]);
  useEffect(() => setPicked(revealed), [revealed]);
  const owner = choice.kind === 'annotator' ? (shown?.[0]?.annotator ?? layers.annotators.find((a) => a.id === choice.annotator)) : undefined;
  const whose = owner ? `${owner.name}’s layer` : 'The compared layers';

  useEffect(() => {
    const refuse = (event: KeyboardEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('input, textarea, select, dialog, [role="dialog"]') || !isEditingKey(event, labels)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      notice(`${whose} ${owner ? 'is' : 'are'} read-only: nothing was changed. Choose “My layer” to annotate.`);
    };
    window.addEventListener('keydown', refuse, true);
    return () => window.removeEventListener('keydown', refuse, true);
  }, [labels, notice, whose, owner]);

  const pickedAnnotation = shown?.[0]?.annotations.find((a) => a.id === picked);
  return (
    <article aria-labelledby="article-title" className="layer-reader">
      <h1 id="article-title" className="article-heading">
        {opened.meta.title}
      </h1>
      <p className="layer-notice" role="status">
        {owner ? (
          <>
            <strong>{owner.name}’s layer</strong> — read-only: you see their annotations; your edits go to your own layer.
          </>
        ) : (
          <>
            <strong>Compare</strong> — every layer of this article, read-only.{layers.place && ' The place chosen in Agreement is outlined.'}
          </>
        )}
      </p>
      {layers.error && (
        <p className="layer-error" role="alert">
          {layers.error}
        </p>
      )}
      {choice.kind === 'compare' ? (
        shown && <CompareLayers text={opened.text} labels={labels} layers={shown} place={layers.place} />
      ) : (
        <>
          {pickedAnnotation && (
            <p className="layer-picked">
              {labels.find((l) => l.id === pickedAnnotation.labelId)?.name ?? pickedAnnotation.labelId}: “{pickedAnnotation.fragments.map((f) => f.exact).join(' … ')}”
              {pickedAnnotation.note ? ` — ${pickedAnnotation.note}` : ''}
            </p>
          )}
          <DocumentView
            key={`${opened.meta.id}:${owner?.id ?? ''}`}
            text={opened.text}
            labels={labels}
            annotations={(shown?.[0]?.annotations ?? []).filter((a) => !a.orphaned)}
            focus={focus}
            overlay={NO_OVERLAY}
            handleRef={view}
            onFocusAnnotation={(id) => setPicked(id)}
            onChooseAmong={(ids) => setPicked(ids[0] ?? null)}
          />
        </>
      )}
    </article>
  );
}
