import { useId } from 'react';
import type { ExportLayerRequest, ExportOptions } from '../../../../shared/api/export-schemas.js';

/** The layer choice as the dialog holds it: which kind, and the annotator picked for each kind that takes one. */
export interface LayerChoiceState {
  kind: ExportLayerRequest['kind'];
  /** The annotator whose layer `annotator` exports. */
  annotator: string;
  /** Whose layer `curated` exports where an article has no curated layer. */
  fallback: string;
}

/** The choice the dialog starts with: the curated layer (my layer where there is none) when any article has one, else my layer. */
export function defaultLayerChoice(layers: ExportOptions['layers']): LayerChoiceState {
  return { kind: layers.curatedDocuments > 0 ? 'curated' : 'annotator', annotator: layers.me, fallback: layers.me };
}

/** The request for a layer choice. */
export function layerRequest(choice: LayerChoiceState): ExportLayerRequest {
  if (choice.kind === 'curated') return { kind: 'curated', fallback: choice.fallback };
  if (choice.kind === 'annotator') return { kind: 'annotator', annotator: choice.annotator };
  return { kind: 'all' };
}

/**
 * "Layers": the curated layer (with whose layer to take where an article has none), one
 * annotator's layer (which one), or every annotator's. Every layer is disabled, with the reason
 * shown, for a format that cannot hold it (`refusesAllLayers`).
 */
export function ExportLayerField({
  layers,
  refusesAllLayers,
  value,
  onChange,
}: {
  layers: ExportOptions['layers'];
  refusesAllLayers: string | null;
  value: LayerChoiceState;
  onChange: (next: LayerChoiceState) => void;
}) {
  const curatedHintId = useId();
  const allHintId = useId();
  const pickerId = useId();
  const people = layers.annotators.map((a) => ({ id: a.id, name: a.id === layers.me ? `${a.name} (you)` : a.name }));
  const choose = (kind: LayerChoiceState['kind']) => onChange({ ...value, kind });
  const picker = (label: string, chosen: string, pick: (id: string) => void) => (
    <div className="export-layer-pick">
      <label htmlFor={pickerId}>{label}</label>
      <select id={pickerId} value={chosen} onChange={(e) => pick(e.target.value)}>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <fieldset className="export-field export-layers">
      <legend>Layers</legend>
      <label>
        <input type="radio" name="layer" checked={value.kind === 'curated'} onChange={() => choose('curated')} aria-describedby={curatedHintId} />
        {' Curated layer'}
      </label>
      <p id={curatedHintId} className="export-hint export-layer-hint">
        {layers.curatedDocuments === 0 ? 'No article has a curated layer yet.' : `Curated so far: ${layers.curatedDocuments} of ${layers.documentCount} articles.`}
      </p>
      {value.kind === 'curated' && picker('Articles without one', value.fallback, (fallback) => onChange({ ...value, fallback }))}
      <label>
        <input type="radio" name="layer" checked={value.kind === 'annotator'} onChange={() => choose('annotator')} /> One annotator’s layer
      </label>
      {value.kind === 'annotator' && picker('Annotator', value.annotator, (annotator) => onChange({ ...value, annotator }))}
      <label className={refusesAllLayers ? 'export-disabled' : undefined}>
        <input type="radio" name="layer" checked={value.kind === 'all'} disabled={refusesAllLayers !== null} onChange={() => choose('all')} aria-describedby={allHintId} />
        {' All annotators'}
      </label>
      <p id={allHintId} className="export-hint export-layer-hint">
        {refusesAllLayers ?? 'Every annotator’s layer; each annotation says whose it is.'}
      </p>
    </fieldset>
  );
}
