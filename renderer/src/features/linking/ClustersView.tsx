import { useEffect, useState } from 'react';
import type { ClusterView } from '../../../../shared/model/link-views.js';
import { useCache, useWorkbenchState } from '../../client/workbench-context.js';
import type { TrackSave } from '../history/use-edits.js';
import { ignorePunctuationDifferences } from '../../../../shared/text/word-diff.js';
import { VariantText } from './VariantText.js';

/** Props of the clusters view. */
export interface ClustersViewProps {
  /** Opens an article at an annotation. */
  onOpenAnnotation(documentId: string, annotationId: string): void;
  /** Runs an edit through the save indicator. */
  track: TrackSave;
}

/**
 * Every group of annotations joined by same/paraphrase links: one row per article with its wording,
 * the words that differ from the cluster's reference marked; a cluster can be named and given a
 * canonical text.
 */
export function ClustersView({ onOpenAnnotation, track }: ClustersViewProps) {
  const cache = useCache();
  const linksRevision = useWorkbenchState((state) => state.linksRevision);
  const [clusters, setClusters] = useState<ClusterView[] | null>(null);
  const [ignorePunctuation, setIgnorePunctuation] = useState(false);
  // Read again whenever links (or cluster names) change.
  useEffect(() => {
    let current = true;
    void cache.api.listClusters().then((list) => current && setClusters(list));
    return () => {
      current = false;
    };
  }, [cache, linksRevision]);

  if (!clusters) return <p className="hint">Loading clusters…</p>;
  if (clusters.length === 0) {
    return <p className="hint">No clusters yet: link annotations as “same” or “paraphrase” and they are grouped here.</p>;
  }
  return (
    <div className="clusters-view">
      <label className="ignore-punctuation">
        <input type="checkbox" checked={ignorePunctuation} onChange={(e) => setIgnorePunctuation(e.target.checked)} /> Ignore punctuation differences
        (quote marks, apostrophes, dashes)
      </label>
      {clusters.map((cluster) => (
        <ClusterCard
          key={cluster.key}
          cluster={cluster}
          ignorePunctuation={ignorePunctuation}
          onOpenAnnotation={onOpenAnnotation}
          onRename={(name, canonicalText) =>
            void track(() => cache.nameCluster({ annotationId: cluster.members[0]!.annotationId, name, canonicalText }))
          }
        />
      ))}
    </div>
  );
}

function ClusterCard(props: {
  cluster: ClusterView;
  onOpenAnnotation(documentId: string, annotationId: string): void;
  onRename(name: string, canonicalText: string): void;
  /** Differences that are punctuation only are not marked. */
  ignorePunctuation: boolean;
}) {
  const { cluster } = props;
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(cluster.name ?? '');
  const [canonical, setCanonical] = useState(cluster.canonicalText ?? cluster.referenceText);
  const title = cluster.name ?? `Cluster ${cluster.number}`;
  return (
    <section className="cluster-card" aria-label={title}>
      <header>
        <h3>{title}</h3>
        <span className="count">{cluster.members.length} articles</span>
        <button type="button" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
          Name…
        </button>
      </header>
      {editing && (
        <form
          className="cluster-name-form"
          onSubmit={(event) => {
            event.preventDefault();
            props.onRename(name, canonical);
            setEditing(false);
          }}
        >
          <label>
            Name <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            Canonical text <textarea value={canonical} onChange={(e) => setCanonical(e.target.value)} rows={2} />
          </label>
          <button type="submit" className="primary">
            Save name
          </button>
        </form>
      )}
      <p className="cluster-reference">
        Compared with: <q>{cluster.referenceText}</q>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Article</th>
            <th scope="col">Wording</th>
          </tr>
        </thead>
        <tbody>
          {cluster.members.map((member) => (
            <tr key={member.annotationId}>
              <td>
                <button type="button" className="link-button" onClick={() => props.onOpenAnnotation(member.documentId, member.annotationId)}>
                  {member.documentTitle}
                </button>
                <span className="article-details">{[member.outlet, member.date].filter(Boolean).join(' · ')}</span>
              </td>
              <td>
                <VariantText segments={props.ignorePunctuation ? ignorePunctuationDifferences(member.segments) : member.segments} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
