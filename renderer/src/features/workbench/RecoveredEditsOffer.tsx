import { useState } from 'react';
import type { WorkspaceInfo } from '../../../../shared/api/contract/index.js';
import type { RecoveredEdits } from '../../../../shared/api/recovery-schemas.js';
import { formatLocalMinute } from '../../../../shared/text/local-minute.js';
import { useCache } from '../../client/workbench-context.js';

/** Props of the offer. */
export interface RecoveredEditsOfferProps {
  workspace: WorkspaceInfo;
  /** Called once the edits were restored or discarded, with what to tell the user; loads the workspace again. */
  onResolved(message: string): void;
}

/**
 * Offers back edits that could not be saved when the program last stopped (the disk was read-only or
 * full) and were kept in a recovery file: "Unsaved edits from <date> were recovered", Restore or
 * Discard. Several are offered one after the other, oldest first.
 */
export function RecoveredEditsOffer({ workspace, onResolved }: RecoveredEditsOfferProps) {
  const { api } = useCache();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const offer = workspace.recoveredEdits[0];
  if (!offer) return null;
  const when = formatLocalMinute(new Date(offer.savedAt));

  const act = async (action: () => Promise<string>) => {
    setBusy(true);
    setFailure(null);
    try {
      onResolved(await action());
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const restore = () =>
    act(async () => {
      const { skippedDocuments } = await api.restoreRecoveredEdits({ id: offer.id });
      const skipped = skippedDocuments.length > 0 ? ` ${skippedDocuments.length} article(s) are no longer in the workspace; their edits were left out.` : '';
      return `Restored the unsaved edits from ${when}.${skipped}`;
    });
  const discard = () =>
    act(async () => {
      await api.discardRecoveredEdits({ id: offer.id });
      return `Discarded the unsaved edits from ${when}.`;
    });

  return (
    <section className="workspace-problems" role="alert" aria-labelledby="recovered-edits-title">
      <h2 id="recovered-edits-title">Unsaved edits from {when} were recovered</h2>
      <p>
        They could not be saved then ({offer.reason}) and were kept in <code>{offer.file}</code>: {describeEdits(offer)}.
      </p>
      <button type="button" className="primary" disabled={busy} onClick={() => void restore()}>
        Restore
      </button>
      <button type="button" disabled={busy} onClick={() => void discard()}>
        Discard
      </button>
      {failure && <p className="error-text">{failure}</p>}
    </section>
  );
}

/** "the annotations of “A” (3) and the workspace's labels, link types and links". */
function describeEdits(offer: RecoveredEdits): string {
  const parts = offer.documents.map((d) => `the annotations of “${d.title}” (${d.annotations})`);
  if (offer.workspaceChanges) parts.push("the workspace's labels, link types and links");
  return parts.join(', ');
}
