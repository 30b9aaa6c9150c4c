import type { ImportResult } from '../../../../shared/api/import-schemas.js';
import { plural } from '../../../../shared/text/plural.js';
import { ListSection } from './ListSection.js';

/** What an import stored and what it did not, and why: the summary shown when it is done. */
export function ImportResultSummary({ result }: { result: ImportResult }) {
  const { added, replaced, duplicates, notReplaced, failed, skipped } = result;
  return (
    <section aria-label="Import summary" className="import-review">
      <p role="status">
        Imported {added.length} {plural(added.length, 'article')}
        {replaced.length > 0 ? `, replaced ${replaced.length}` : ''}.
      </p>
      {replaced.length > 0 && (
        <ListSection
          title="Replaced"
          items={replaced.map((r) => ({
            key: r.documentId,
            text: `“${r.title}”: ${r.placed} ${plural(r.placed, 'annotation')} placed on the new text, ${r.orphaned} orphaned${r.orphaned > 0 ? ' (listed with the article, never moved)' : ''}.`,
          }))}
        />
      )}
      {duplicates.length > 0 && (
        <ListSection
          title="Already in the workspace"
          items={duplicates.map((d, i) => ({ key: `${i}`, text: `${d.path}: the same text as “${d.existingTitle}”, not added again.` }))}
        />
      )}
      {notReplaced.length > 0 && (
        <ListSection
          title="New versions not imported"
          items={notReplaced.map((n, i) => ({ key: `${i}`, text: `${n.path}: a new version of “${n.existingTitle}”, not imported (replacement not chosen).` }))}
        />
      )}
      {failed.length > 0 && <ListSection title="Cannot be imported" items={failed.map((f, i) => ({ key: `${i}`, text: f.message }))} />}
      {skipped.length > 0 && <ListSection title="Skipped" items={skipped.map((s, i) => ({ key: `${i}`, text: s.message }))} />}
    </section>
  );
}
