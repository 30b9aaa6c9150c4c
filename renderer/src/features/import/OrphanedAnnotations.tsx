import type { Annotation } from '../../../../shared/model/annotation.js';
import type { Label } from '../../../../shared/model/label-schema.js';

/**
 * The open article's orphaned annotations: made on an earlier version of its text, their quotes
 * could not be placed exactly on this one, so they are listed here (with their links kept) and never
 * painted at a look-alike place (docs/GUARANTEES.md T3).
 */
export function OrphanedAnnotations({ annotations, labels }: { annotations: readonly Annotation[]; labels: readonly Label[] }) {
  if (annotations.length === 0) return null;
  const labelName = (id: string) => labels.find((l) => l.id === id)?.name ?? id;
  return (
    <section className="orphaned-annotations" aria-label="Orphaned annotations">
      <h2>
        {annotations.length} {annotations.length === 1 ? 'annotation' : 'annotations'} could not be placed on this version of the text
      </h2>
      <ul>
        {annotations.map((annotation) => (
          <li key={annotation.id}>
            <span className={`label-chip label-${annotation.labelId}`}>{labelName(annotation.labelId)}</span>{' '}
            “{annotation.fragments.map((f) => f.exact).join(' … ')}”
          </li>
        ))}
      </ul>
    </section>
  );
}
