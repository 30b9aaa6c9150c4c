import type { Layers } from './use-layers.js';
import './team.css';

/**
 * Which layer of the article is shown: mine (editable, as always), another annotator's (read-only),
 * or every layer compared. Hidden while I am the only annotator.
 */
export function LayerChooser({ layers }: { layers: Layers }) {
  const { choice, annotators } = layers;
  if (annotators.length < 2 && choice.kind === 'mine') return null;
  const value = choice.kind === 'annotator' ? `annotator:${choice.annotator}` : choice.kind;
  return (
    <div className="layer-chooser">
      <label htmlFor="layer-choice">Layer</label>
      <select
        id="layer-choice"
        value={value}
        onChange={(event) => {
          const next = event.target.value;
          layers.choose(next === 'mine' || next === 'compare' ? { kind: next } : { kind: 'annotator', annotator: next.slice('annotator:'.length) });
        }}
      >
        <option value="mine">My layer (editable)</option>
        {annotators
          .filter((a) => !a.isMe)
          .map((a) => (
            <option key={a.id} value={`annotator:${a.id}`}>
              {a.name} (read-only)
            </option>
          ))}
        <option value="compare">Compare all layers</option>
      </select>
    </div>
  );
}
