import type { MethodInput } from '../../../../shared/api/contract/index.js';
import type { Link } from '../../../../shared/model/link.js';
import type { WorkbenchCache } from '../../client/workbench-cache.js';
import type { EditCommand } from '../history/edit-history.js';

/**
 * Links as undoable edits. Undoing a new link deletes it; redoing (and undoing a deletion) restores
 * the very same link — id, note, author, timestamps — through `restoreAnnotations`.
 */
export async function createLinkCommand(
  cache: WorkbenchCache,
  input: MethodInput<'createLink'>,
  description: string,
): Promise<{ command: EditCommand; link: Link }> {
  const link = await cache.createLink(input);
  return {
    link,
    command: {
      description,
      undo: async () => {
        await cache.deleteLink({ linkId: link.id });
      },
      redo: () => cache.restoreAnnotations({ annotations: [], links: [link] }),
    },
  };
}

/** Deletes a link as an undoable edit. */
export async function deleteLinkCommand(cache: WorkbenchCache, linkId: string, description: string): Promise<EditCommand> {
  const link = await cache.deleteLink({ linkId });
  return {
    description,
    undo: () => cache.restoreAnnotations({ annotations: [], links: [link] }),
    redo: async () => {
      await cache.deleteLink({ linkId });
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
