import type { ImportResult } from '../../../../shared/api/import-schemas.js';
import { useCache, useWorkbenchState } from '../../client/workbench-context.js';
import { saveLabels } from '../annotate/annotation-commands.js';
import type { Edits } from '../history/use-edits.js';
import type { ImportSource } from '../import/import-plan.js';
import { ImportDialog } from '../import/ImportDialog.js';
import { ShortcutHelp } from '../keyboard/ShortcutHelp.js';
import { LabelSchemaDialog } from '../labels/LabelSchemaDialog.js';
import { LinkTypesDialog } from '../linking/LinkTypesDialog.js';
import type { Linking } from '../linking/use-linking.js';

/** The dialog the workbench shows over everything, if any (one at a time). */
export type WorkbenchDialog =
  | { kind: 'import'; dropped: readonly ImportSource[] | null }
  | { kind: 'labels'; usage: Readonly<Record<string, number>> }
  | { kind: 'link-types'; usage: Readonly<Record<string, number>> }
  | { kind: 'help' };

/** Props of the dialog layer. */
export interface WorkbenchDialogsProps {
  dialog: WorkbenchDialog | null;
  edits: Edits;
  linking: Linking;
  onImported(result: ImportResult): void;
  onClose(): void;
}

/** Shows the open dialog: import, the label schema, the link types or the shortcut list. */
export function WorkbenchDialogs({ dialog, edits, linking, onImported, onClose }: WorkbenchDialogsProps) {
  const cache = useCache();
  const workspace = useWorkbenchState((state) => state.workspace);
  if (!dialog || !workspace) return null;
  switch (dialog.kind) {
    case 'import':
      return <ImportDialog api={cache.api} dropped={dialog.dropped} onImported={onImported} onClose={onClose} />;
    case 'help':
      return <ShortcutHelp labels={workspace.labels} onClose={onClose} />;
    case 'labels':
      return (
        <LabelSchemaDialog
          labels={workspace.labels}
          usage={dialog.usage}
          onClose={onClose}
          onSave={(next, deleteInUse) => edits.runOrThrow(() => saveLabels(cache, workspace.labels, next, deleteInUse))}
        />
      );
    case 'link-types':
      return (
        <LinkTypesDialog linkTypes={workspace.linkTypes} labels={workspace.labels} usage={dialog.usage} onClose={onClose} onSave={linking.saveLinkTypes} />
      );
  }
}
