import type { MethodInput, WorkbenchApi } from '../../../../shared/api/contract.js';
import type { Link } from '../../../../shared/model/link.js';
import type { EditCommand } from '../history/edit-history.js';

/**
 * Links as undoable edits. Undoing a new link deletes it; redoing (and undoing a deletion) restores
 * the very same link — id, note, author, timestamps — through `restoreAnnotations`.
 */
export async function createLinkCommand(
  api: WorkbenchApi,
  input: MethodInput<'createLink'>,
  description: string,
  onChanged: () => void,
): Promise<{ command: EditCommand; link: Link }> {
  const link = await api.createLink(input);
  onChanged();
  return {
    link,
    command: {
      description,
      undo: async () => {
        await api.deleteLink({ linkId: link.id });
        onChanged();
      },
      redo: async () => {
        await api.restoreAnnotations({ annotations: [], links: [link] });
        onChanged();
      },
    },
  };
}

/** Deletes a link as an undoable edit. */
export async function deleteLinkCommand(api: WorkbenchApi, linkId: string, description: string, onChanged: () => void): Promise<EditCommand> {
  const link = await api.deleteLink({ linkId });
  onChanged();
  return {
    description,
    undo: async () => {
      await api.restoreAnnotations({ annotations: [], links: [link] });
      onChanged();
    },
    redo: async () => {
      await api.deleteLink({ linkId });
      onChanged();
    },
  };
}

/** Runs several commands as one undoable step (undone in reverse order). */
export function combineCommands(description: string, commands: readonly EditCommand[]): EditCommand {
  return {
    description,
    undo: async () => {
      for (const command of [...commands].reverse()) await command.undo();
    },
    redo: async () => {
      for (const command of commands) await command.redo();
    },
  };
}
