import type { ExportSummary } from '../../../../shared/api/export-schemas.js';
import { plural } from '../../../../shared/text/plural.js';
import { formatBytes, formatNames } from './export-progress-text.js';

/** What a finished export wrote: the full path, the counts, every file, and what was left out and why. */
export function ExportSummaryView({ summary }: { summary: ExportSummary }) {
  return (
    <section className="export-summary" aria-label="Export summary">
      <p role="status">
        Exported {summary.annotations} {plural(summary.annotations, 'annotation')} and {summary.links} {plural(summary.links, 'link')} from{' '}
        {summary.documents} {plural(summary.documents, 'article')} as{' '}
        {/* Several format names end in a parenthesis already: the offsets follow after a comma. */}
        {formatNames[summary.format]}, with offsets in {summary.offsetUnit}.
      </p>
      <p>
        Written to <code className="export-path">{summary.destination}</code>: {summary.files.length} {plural(summary.files.length, 'file')}, {formatBytes(summary.totalBytes)}.
      </p>
      <table className="export-files">
        <caption>Files</caption>
        <tbody>
          {summary.files.map((file) => (
            <tr key={file.path}>
              <td>{file.path}</td>
              <td>{formatBytes(file.bytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.leftOut.length > 0 && (
        <div className="export-left-out">
          <h3>Left out ({summary.leftOut.length})</h3>
          <ul>
            {summary.leftOut.map((item) => (
              <li key={`${item.kind}:${item.id}`}>
                {item.kind === 'annotation' ? 'Annotation' : 'Link'} in “{item.documentTitle}”: {item.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {summary.notes.map((note) => (
        <p key={note} className="export-hint">
          {note}
        </p>
      ))}
    </section>
  );
}
