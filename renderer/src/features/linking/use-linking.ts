import { useCallback, useState } from 'react';
import type { WorkbenchApi } from '../../../../shared/api/contract.js';
import type { Annotation, TextRange } from '../../../../shared/model/annotation.js';
import type { LinkType } from '../../../../shared/model/label-schema.js';
import type { LinkEnd } from '../../../../shared/model/link.js';
import type { QuoteSighting } from '../../../../shared/model/link-views.js';
import type { EditCommand } from '../history/edit-history.js';
import { combineCommands, createLinkCommand, deleteLinkCommand } from './link-commands.js';
import type { LinkSource } from './LinksPanel.js';

/** What the linking workflow needs from the workbench. */
export interface LinkingContext {
  api: WorkbenchApi;
  linkTypes: readonly LinkType[];
  /** The annotation in focus in the open article. */
  focused: Annotation | null;
  openedTitle: string;
  /** Runs an undoable edit through the history and the save indicator. */
  runEdit(edit: () => Promise<EditCommand | null>): Promise<void>;
  /** Runs an undoable edit through the history only, letting a refusal reach the caller (dialogs show it). */
  runEditOrThrow(edit: () => Promise<EditCommand>): Promise<void>;
  /** Labels a range of another article as one undoable edit; resolves to the command and the new id. */
  annotateIn(documentId: string, labelId: string, range: TextRange): Promise<{ command: EditCommand; annotationId: string }>;
  /** Replaces the link types shown (after saving them). */
  showLinkTypes(linkTypes: readonly LinkType[]): void;
  setNotice(message: string | null): void;
}

/**
 * The linking workflow of the workbench: the link being made, links as undoable edits (create,
 * delete, note, "annotate and link" from a sighting, link types), and the keys `l`, the type's
 * number and Escape. `linksVersion` changes whenever links may have changed, so views reload.
 */
export function useLinking(context: LinkingContext) {
  const [linkSource, setLinkSource] = useState<LinkSource | null>(null);
  const [linksVersion, setLinksVersion] = useState(0);
  const linksChanged = useCallback(() => setLinksVersion((v) => v + 1), []);
  const { api, runEdit, setNotice } = context;
  const typeName = (typeId: string) => (context.linkTypes.find((t) => t.id === typeId)?.name ?? typeId).toLowerCase();
  const endOf = (end: LinkEnd): LinkEnd => ({ documentId: end.documentId, annotationId: end.annotationId });

  const startLink = (annotation: Annotation) => {
    setLinkSource({
      documentId: annotation.documentId,
      annotationId: annotation.id,
      text: annotation.fragments.map((f) => f.exact).join(' … '),
      documentTitle: context.openedTitle,
    });
    setNotice('Now focus the other annotation (here or in another article), then choose the link type.');
  };

  const startLinkFrom = (source: LinkSource) => {
    setLinkSource(source);
    setNotice('Now focus the other annotation in the article on the left, then choose the link type.');
  };

  const createLink = (typeId: string, source: LinkEnd, target: LinkEnd) =>
    void runEdit(async () => {
      const { command } = await createLinkCommand(api, { typeId, source: endOf(source), target: endOf(target) }, `Link as ${typeName(typeId)}`, linksChanged);
      setLinkSource(null);
      setNotice(`Linked as ${typeName(typeId)}.`);
      return command;
    });

  const deleteLink = (linkId: string) => void runEdit(() => deleteLinkCommand(api, linkId, 'Delete link', linksChanged));

  const editNote = (linkId: string, before: string, note: string) =>
    void runEdit(async () => {
      const setNote = async (value: string) => {
        await api.updateLink({ linkId, note: value });
        linksChanged();
      };
      await setNote(note);
      return { description: 'Edit link note', undo: () => setNote(before), redo: () => setNote(note) };
    });

  /** Annotates where the focused annotation's quote appears in another article (if needed) and links the two. */
  const linkSighting = (sighting: QuoteSighting, typeId: string) => {
    const source = context.focused;
    if (!source) return;
    void runEdit(async () => {
      const steps: EditCommand[] = [];
      let targetId = sighting.annotationId;
      if (!targetId) {
        const annotated = await context.annotateIn(sighting.documentId, source.labelId, { start: sighting.start, end: sighting.end });
        steps.push(annotated.command);
        targetId = annotated.annotationId;
      }
      const target = { documentId: sighting.documentId, annotationId: targetId };
      const { command } = await createLinkCommand(api, { typeId, source: { documentId: source.documentId, annotationId: source.id }, target }, `Link as ${typeName(typeId)}`, linksChanged);
      steps.push(command);
      setNotice(`Linked “${sighting.text.slice(0, 50)}” in ${sighting.documentTitle.slice(0, 50)} as ${typeName(typeId)}.`);
      return combineCommands(`${sighting.annotationId ? 'Link' : 'Annotate and link'} as ${typeName(typeId)}`, steps);
    });
  };

  /** Saves the link types as one undoable edit; links of removed types come back on undo. */
  const saveLinkTypes = async (next: LinkType[], deleteInUse: boolean) => {
    const previous = [...context.linkTypes];
    const show = (linkTypes: readonly LinkType[]) => {
      context.showLinkTypes(linkTypes);
      linksChanged();
    };
    await context.runEditOrThrow(async () => {
      const { removedLinks } = await api.saveLinkTypes({ linkTypes: next, deleteLinksOfRemovedTypes: deleteInUse });
      show(next);
      return {
        description: 'Edit link types',
        undo: async () => {
          await api.saveLinkTypes({ linkTypes: previous, deleteLinksOfRemovedTypes: true });
          await api.restoreAnnotations({ annotations: [], links: removedLinks });
          show(previous);
        },
        redo: async () => {
          await api.saveLinkTypes({ linkTypes: next, deleteLinksOfRemovedTypes: true });
          show(next);
        },
      };
    });
  };
  /**
   * Handles a linking key in the article; true when it was one. `l` starts a link from the focused
   * annotation; with another annotation focused, the link type's number makes the link; Escape
   * cancels.
   */
  const handleKey = (event: KeyboardEvent, hasSelection: boolean): boolean => {
    const { focused } = context;
    if (hasSelection) return false;
    if (linkSource && focused && focused.id !== linkSource.annotationId && /^[1-9]$/.test(event.key)) {
      const type = context.linkTypes[Number(event.key) - 1];
      if (!type) return false;
      event.preventDefault();
      createLink(type.id, linkSource, { documentId: focused.documentId, annotationId: focused.id });
      return true;
    }
    if (event.key === 'l' && focused) {
      event.preventDefault();
      if (!linkSource || linkSource.annotationId === focused.id) startLink(focused);
      return true;
    }
    if (event.key === 'Escape' && linkSource) {
      setLinkSource(null);
      setNotice('Linking cancelled.');
      return true;
    }
    return false;
  };

  return {
    linkSource,
    linksVersion,
    linksChanged,
    startLink,
    startLinkFrom,
    cancelLink: () => setLinkSource(null),
    createLink,
    deleteLink,
    editNote,
    linkSighting,
    saveLinkTypes,
    handleKey,
  };
}
