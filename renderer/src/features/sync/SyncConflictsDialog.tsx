import { useEffect, useId, useRef, useState } from 'react';
import type { SyncConflictView } from '../../../../shared/api/contract/index.js';
import type { ConflictSide } from '../../../../shared/sync/merge-json.js';
import type { TeamSyncControls } from './use-team-sync.js';

/**
 * The conflicts a sync stopped at: for each, where it is and both versions side by side (and what it
 * was before), with a choice of which to keep; nothing is merged until every one is chosen. Then
 * the sync runs again with the choices.
 */
export function SyncConflictsDialog({ controls, onClose }: { controls: TeamSyncControls; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const conflicts = controls.status?.conflicts ?? [];
  const [choices, setChoices] = useState<Record<string, ConflictSide>>({});
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const chosen = conflicts.filter((c) => choices[c.id] !== undefined).length;
  const chooseAll = (side: ConflictSide) => setChoices(Object.fromEntries(conflicts.map((c) => [c.id, side])));
  return (
    <dialog ref={dialog} className="modal sync-conflicts-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Settle what you and the team changed differently</h2>
      <p>
        The last sync found {conflicts.length} {conflicts.length === 1 ? 'change' : 'changes'} that you and the team made differently. Nothing was merged or sent: choose which version to keep for each, then sync again.
      </p>
      <div className="sync-actions">
        <button type="button" onClick={() => chooseAll('ours')}>
          Keep all mine
        </button>
        <button type="button" onClick={() => chooseAll('theirs')}>
          Keep all the team’s
        </button>
      </div>
      <ol className="sync-conflicts">
        {conflicts.map((conflict) => (
          <ConflictChoice key={conflict.id} conflict={conflict} choice={choices[conflict.id]} onChoose={(side) => setChoices((now) => ({ ...now, [conflict.id]: side }))} />
        ))}
      </ol>
      <div className="dialog-actions">
        <button type="button" onClick={() => dialog.current?.close()}>
          Later
        </button>
        <button
          type="button"
          className="primary"
          disabled={conflicts.length === 0 || chosen < conflicts.length}
          onClick={() => {
            controls.resolve(choices);
            dialog.current?.close();
          }}
        >
          Keep these and sync ({chosen} of {conflicts.length} chosen)
        </button>
      </div>
    </dialog>
  );
}

function ConflictChoice({ conflict, choice, onChoose }: { conflict: SyncConflictView; choice: ConflictSide | undefined; onChoose(side: ConflictSide): void }) {
  const name = useId();
  const where = conflict.kind === 'field' ? `${conflict.file}: ${conflict.where}` : `${conflict.file} (${conflict.reason})`;
  return (
    <li className="sync-conflict">
      <fieldset>
        <legend>{where}</legend>
        <div className="sync-versions">
          {(['ours', 'theirs'] as const).map((side) => (
            <label key={side} className={`sync-version${choice === side ? ' sync-version-chosen' : ''}`}>
              <span className="sync-version-head">
                <input type="radio" name={name} checked={choice === side} onChange={() => onChoose(side)} /> {side === 'ours' ? 'Keep mine' : 'Keep the team’s'}
              </span>
              <VersionValue conflict={conflict} side={side} />
            </label>
          ))}
        </div>
        <p className="sync-before">
          Before: <VersionValue conflict={conflict} side="base" />
        </p>
      </fieldset>
    </li>
  );
}

/** One version of a conflict as people read it: a colour with its swatch, a value, a text, or "absent". */
function VersionValue({ conflict, side }: { conflict: SyncConflictView; side: 'base' | 'ours' | 'theirs' }) {
  if (conflict.kind === 'file') {
    const text = conflict[side];
    return text === null ? <em>no file</em> : <pre className="sync-value sync-text">{text}</pre>;
  }
  if (conflict.absent.includes(side)) return <em>{side === 'base' ? 'not there' : 'removed'}</em>;
  const value = conflict[side];
  if (typeof value === 'string' && /^#[0-9a-f]{3,8}$/i.test(value)) {
    return (
      <code className="sync-value">
        <span className="sync-swatch" style={{ background: value }} aria-hidden="true" /> {value}
      </code>
    );
  }
  return <code className="sync-value">{typeof value === 'string' ? value : JSON.stringify(value, null, 1)}</code>;
}
