import { useState } from 'react';
import type { Annotation } from '../../../../shared/model/annotation.js';
import type { ScreenPoint } from '../../document-view/DocumentView.js';
import type { LinkType } from '../../../../shared/model/label-schema.js';
import type { LinkEnd } from '../../../../shared/model/link.js';
import type { QuoteSighting } from '../../../../shared/model/link-views.js';
import type { WorkbenchCache } from '../../client/workbench-cache.js';
import { createAnnotations } from '../annotate/annotation-commands.js';
import type { EditCommand } from '../history/edit-history.js';
import type { Edits } from '../history/use-edits.js';
import { combineCommands, createLinkCommand, deleteLinkCommand } from './link-commands.js';
import type { LinkSource } from './LinksPanel.js';
import { excerpt } from '../../../../shared/text/excerpt.js';

/** What the linking workflow needs from the workbench. */
export interface LinkingContext {
  cache: WorkbenchCache;
  linkTypes: readonly LinkType[];
  /** The annotation in focus in the pane being worked in (the one "find in other articles" starts from). */
  focused: Annotation | null;
  /** The workbench's undoable edits. */
  edits: Edits;
  setNotice(message: string | null): void;
}

/** The link prompt shown where the other end was clicked while a link is being made. */
export interface LinkPromptState {
  /** The clicked annotation: the link's other end. */
  target: LinkSource;
  /** Where the click was. */
  at: ScreenPoint;
}


/**
 * The linking workflow of the workbench: the link being made (persisting across articles and panes
 * until it is made or cancelled), the prompt shown where the other end is clicked, links as undoable
 * edits (create, delete, note, reverse, "annotate and link" from a sighting, link types), and the
 * keys `l` and the type's number.
 */
export function useLinking(context: LinkingContext) {
  const [linkSource, setLinkSource] = useState<LinkSource | null>(null);
  const [prompt, setPrompt] = useState<LinkPromptState | null>(null);
  const { cache, setNotice } = context;
  const runEdit = context.edits.run;
  const typeName = (typeId: string) => (context.linkTypes.find((t) => t.id === typeId)?.name ?? typeId).toLowerCase();
  const endOf = (end: LinkEnd): LinkEnd => ({ documentId: end.documentId, annotationId: end.annotationId });
  /** An annotation as one end of a link being made: where it is and what it says. */
  const linkEndOf = (annotation: Annotation): LinkSource => ({
    documentId: annotation.documentId,
    annotationId: annotation.id,
    text: annotation.fragments.map((f) => f.exact).join(' … '),
    documentTitle: cache.state().documents.find((d) => d.id === annotation.documentId)?.title ?? '',
  });

  const startLink = (annotation: Annotation) => {
    setLinkSource(linkEndOf(annotation));
    setPrompt(null);
    setNotice(null);
  };

  const createLink = (typeId: string, source: LinkEnd, target: LinkEnd) => {
    setLinkSource(null);
    setPrompt(null);
    void runEdit(async () => {
      const { command } = await createLinkCommand(cache, { typeId, source: endOf(source), target: endOf(target) }, `Link as ${typeName(typeId)}`);
      setNotice(`Linked as ${typeName(typeId)}.`);
      return command;
    });
  };

  /** Stops making the link, saying so. */
  const cancelLink = () => {
    setLinkSource(null);
    setPrompt(null);
    setNotice('Linking cancelled.');
  };

  /**
   * The person clicked an annotation: while a link is being made from another one, the prompt for
   * the link's type opens where they clicked. True when it did.
   */
  const offerLink = (annotation: Annotation, at: ScreenPoint): boolean => {
    if (!linkSource || linkSource.annotationId === annotation.id) return false;
    setPrompt({ target: linkEndOf(annotation), at });
    return true;
  };

  const deleteLink = (linkId: string) => void runEdit(() => deleteLinkCommand(cache, linkId, 'Delete link'));

  const editNote = (linkId: string, before: string, note: string) =>
    void runEdit(async () => {
      const setNote = async (value: string) => {
        await cache.updateLink({ linkId, note: value });
      };
      await setNote(note);
      return { description: 'Edit link note', undo: () => setNote(before), redo: () => setNote(note) };
    });

  /** Reverses a link (its target becomes its source), as an undoable edit. */
  const reverseLink = (linkId: string) =>
    void runEdit(async () => {
      const flip = async () => {
        await cache.updateLink({ linkId, reverse: true });
      };
      await flip();
      setNotice('Link reversed.');
      return { description: 'Reverse link', undo: flip, redo: flip };
    });

  /** Annotates where the focused annotation's quote appears in another article (if needed) and links the two. */
  const linkSighting = (sighting: QuoteSighting, typeId: string) => {
    const source = context.focused;
    if (!source) return;
    void runEdit(async () => {
      const steps: EditCommand[] = [];
      let targetId = sighting.annotationId;
      if (!targetId) {
        const labelName = (cache.state().workspace?.labels.find((l) => l.id === source.labelId)?.name ?? source.labelId).toLowerCase();
        const { command, created } = await createAnnotations(
          cache,
          { documentId: sighting.documentId, items: [{ labelId: source.labelId, ranges: sighting.ranges }] },
          `Label as ${labelName}`,
        );
        steps.push(command);
        targetId = created[0]!.id;
      }
      const target = { documentId: sighting.documentId, annotationId: targetId };
      const { command } = await createLinkCommand(
        cache,
        { typeId, source: { documentId: source.documentId, annotationId: source.id }, target },
        `Link as ${typeName(typeId)}`,
      );
      steps.push(command);
      setNotice(`Linked “${excerpt(sighting.text, 50)}” in ${excerpt(sighting.documentTitle, 50)} as ${typeName(typeId)}.`);
      return combineCommands(`${sighting.annotationId ? 'Link' : 'Annotate and link'} as ${typeName(typeId)}`, steps);
    });
  };

  /** Saves the link types as one undoable edit; links of removed types come back on undo. */
  const saveLinkTypes = async (next: LinkType[], deleteInUse: boolean) => {
    const previous = [...context.linkTypes];
    await context.edits.runOrThrow(async () => {
      const { removedLinks } = await cache.saveLinkTypes({ linkTypes: next, deleteLinksOfRemovedTypes: deleteInUse });
      return {
        description: 'Edit link types',
        undo: async () => {
          await cache.saveLinkTypes({ linkTypes: previous, deleteLinksOfRemovedTypes: true });
          await cache.restoreAnnotations({ annotations: [], links: removedLinks });
        },
        redo: async () => {
          await cache.saveLinkTypes({ linkTypes: next, deleteLinksOfRemovedTypes: true });
        },
      };
    });
  };
  /**
   * Handles a linking key in an article pane; true when it was one. `l` starts a link from the
   * pane's focused annotation; with another annotation focused, the link type's number makes the
   * link. (Escape is the keyboard workflow's: it clears a selection before it cancels a link.)
   */
  const handleKey = (event: KeyboardEvent, hasSelection: boolean, focused: Annotation | null): boolean => {
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
    return false;
  };

  return {
    linkSource,
    prompt,
    startLink,
    cancelLink,
    offerLink,
    /** Closes the prompt; the link is still being made. */
    closePrompt: () => setPrompt(null),
    createLink,
    deleteLink,
    reverseLink,
    editNote,
    linkSighting,
    saveLinkTypes,
    handleKey,
  };
}

/** The linking workflow as the panels use it. */
export type Linking = ReturnType<typeof useLinking>;
