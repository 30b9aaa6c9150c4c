import { useRef, useState, type ReactNode } from 'react';
import type { OpenedDocument } from '../../../../shared/api/contract/index.js';
import type { Label } from '../../../../shared/model/label-schema.js';
import { ArticleHistory } from '../article-history/ArticleHistory.js';
import { useArticleHistory } from '../article-history/use-article-history.js';
import { ArticleWorkBar } from '../assignments/ArticleWorkBar.js';
import { LayerChooser } from './LayerChooser.js';
import { ReadOnlyLayerReader } from './ReadOnlyLayerReader.js';
import { useLayers } from './use-layers.js';

/** Props of the open article shown by layer. */
export interface LayeredArticleProps {
  opened: OpenedDocument;
  labels: readonly Label[];
  /** Tells the person why a key did nothing. */
  notice(message: string): void;
  /** Focuses one of my annotations in my layer (from the history). */
  onFocusMine(annotationId: string): void;
  /** The article in my layer: the annotation surface, as always. */
  children: ReactNode;
}

/**
 * The open article in the layer chosen above it: my layer (the annotation surface, `children`),
 * another annotator's (read-only), or every layer compared; above them, my status of the article
 * and who it is assigned to; and, when asked for, its history, whose annotations are shown in
 * their annotator's layer.
 */
export function LayeredArticle({ opened, labels, notice, onFocusMine, children }: LayeredArticleProps) {
  const layers = useLayers(opened.meta.id, notice);
  const [historyOpen, setHistoryOpen] = useState(false);
  const history = useArticleHistory(opened.meta.id, historyOpen);
  const toggle = useRef<HTMLButtonElement>(null);
  const myId = layers.annotators.find((a) => a.isMe)?.id ?? null;
  const showAnnotation = (annotator: string, annotationId: string) => {
    if (annotator !== myId) return layers.reveal(annotator, annotationId);
    if (layers.choice.kind !== 'mine') layers.choose({ kind: 'mine' });
    onFocusMine(annotationId);
  };
  const closeHistory = () => {
    setHistoryOpen(false);
    toggle.current?.focus();
  };
  return (
    <>
      <div className="article-team-bar">
        <ArticleWorkBar documentId={opened.meta.id} title={opened.meta.title} notice={notice} />
        <div className="article-tools">
          <LayerChooser layers={layers} />
          <button
            ref={toggle}
            type="button"
            className="history-toggle"
            aria-expanded={historyOpen}
            aria-controls={historyOpen ? 'article-history' : undefined}
            onClick={() => setHistoryOpen((open) => !open)}
          >
            History
          </button>
        </div>
      </div>
      {historyOpen && <ArticleHistory id="article-history" state={history} myId={myId} onShowAnnotation={showAnnotation} onClose={closeHistory} />}
      {layers.choice.kind === 'mine' ? children : <ReadOnlyLayerReader opened={opened} labels={labels} layers={layers} />}
    </>
  );
}
