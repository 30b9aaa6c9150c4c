import { useEffect, useRef } from 'react';
import type { Label } from '../../../../shared/model/label-schema.js';
import { CURATION_SHORTCUTS, SHORTCUTS } from './keyboard-shortcuts.js';

/** The `?` overlay: every keyboard shortcut, label hotkeys included. */
export function ShortcutHelp({ labels, onClose }: { labels: readonly Label[]; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="modal shortcut-help" aria-labelledby="shortcut-help-title" onClose={onClose}>
      <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {labels.map((label) => (
            <tr key={label.id}>
              <th scope="row">
                <kbd>{label.hotkey}</kbd>
              </th>
              <td>Label as {label.name.toLowerCase()}</td>
            </tr>
          ))}
          {[...SHORTCUTS, ...CURATION_SHORTCUTS].map((shortcut) => (
            <tr key={shortcut.keys}>
              <th scope="row">
                <kbd>{shortcut.keys}</kbd>
              </th>
              <td>{shortcut.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" className="primary">
          Close
        </button>
      </form>
    </dialog>
  );
}
