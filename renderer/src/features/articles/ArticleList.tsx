import type { DocumentSummary } from '../../../../shared/model/document.js';

/** Props of the article list. */
export interface ArticleListProps {
  documents: readonly DocumentSummary[];
  openId: string | null;
  onOpen(documentId: string): void;
}

/** The workspace's articles: title, then outlet and date where known, and how many annotations. */
export function ArticleList({ documents, openId, onOpen }: ArticleListProps) {
  return (
    <nav className="article-list" aria-label="Articles">
      <h2>Articles <span className="count">{documents.length}</span></h2>
      <ul>
        {documents.map((doc) => {
          const details = [doc.outlet, doc.date].filter(Boolean).join(' · ');
          return (
            <li key={doc.id}>
              <button
                type="button"
                className="article-item"
                aria-current={doc.id === openId ? 'page' : undefined}
                onClick={() => onOpen(doc.id)}
              >
                <span className="article-title">{doc.title}</span>
                <span className="article-details">
                  {details && <span>{details}</span>}
                  {doc.annotationCount !== null && (
                    <span>
                      {doc.annotationCount} {doc.annotationCount === 1 ? 'annotation' : 'annotations'}
                    </span>
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
