import type { ReactNode } from 'react';
import type { OpenedDocument } from '../../../../shared/api/contract/index.js';
import type { Label } from '../../../../shared/model/label-schema.js';
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
  /** The article in my layer: the annotation surface, as always. */
  children: ReactNode;
}

/**
 * The open article in the layer chosen above it: my layer (the annotation surface, `children`),
 * another annotator's (read-only), or every layer compared; above them, my status of the article
 * and who it is assigned to.
 */
export function LayeredArticle({ opened, labels, notice, children }: LayeredArticleProps) {
  const layers = useLayers(opened.meta.id, notice);
  return (
    <>
      <div className="article-team-bar">
        <ArticleWorkBar documentId={opened.meta.id} title={opened.meta.title} notice={notice} />
        <LayerChooser layers={layers} />
      </div>
      {layers.choice.kind === 'mine' ? children : <ReadOnlyLayerReader opened={opened} labels={labels} layers={layers} />}
    </>
  );
}
