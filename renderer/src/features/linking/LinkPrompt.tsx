import { useState } from 'react';
import type { LinkType } from '../../../../shared/model/label-schema.js';
import { excerpt } from '../../../../shared/text/excerpt.js';
import { usePopupMenu } from '../../document-view/popup-menu.js';
import type { LinkSource } from './LinksPanel.js';
import type { Linking, LinkPromptState } from './use-linking.js';

/** Props of the link prompt. */
export interface LinkPromptProps {
  linking: Linking;
  linkTypes: readonly LinkType[];
  /** The prompt closed, with or without a link made: the keyboard goes back to the article. */
  onDone(): void;
}

/** The link prompt while one is open (see `LinkTypePrompt`). */
export function LinkPrompt({ linking, linkTypes, onDone }: LinkPromptProps) {
  const { linkSource, prompt } = linking;
  if (!linkSource || !prompt) return null;
  return (
    <LinkTypePrompt
      key={`${prompt.target.annotationId}:${prompt.at.x}:${prompt.at.y}`}
      source={linkSource}
      prompt={prompt}
      linkTypes={linkTypes}
      onLink={(typeId, source, target) => {
        linking.createLink(typeId, source, target);
        onDone();
      }}
      onClose={() => {
        linking.closePrompt();
        onDone();
      }}
    />
  );
}

/** Props of the prompt's contents. */
interface LinkTypePromptProps {
  /** The first end of the link being made. */
  source: LinkSource;
  prompt: LinkPromptState;
  linkTypes: readonly LinkType[];
  /** Makes the link (from `source` to `target`, as chosen: the prompt can swap them). */
  onLink(typeId: string, source: LinkSource, target: LinkSource): void;
  /** Closes the prompt (the link is still being made). */
  onClose(): void;
}

/**
 * The choice of a link's type, shown where the other end was clicked (in either pane): one button
 * per type with its number key, each one-way type read out in plain words ("“A” supports “B”"),
 * and a swap of the two ends before choosing. Number keys make the link, `s` swaps, Escape closes.
 */
function LinkTypePrompt({ source, prompt, linkTypes, onLink, onClose }: LinkTypePromptProps) {
  const [swapped, setSwapped] = useState(false);
  const menu = usePopupMenu(prompt.at, onClose);
  const [from, to] = swapped ? [prompt.target, source] : [source, prompt.target];
  const anyDirected = linkTypes.some((t) => t.directed);

  return (
    <div
      ref={menu.box}
      className="link-prompt"
      role="dialog"
      aria-label="Choose the link type"
      style={menu.style}
      onKeyDown={(event) => {
        if (event.ctrlKey || event.metaKey || event.altKey) return;
        const type = /^[1-9]$/.test(event.key) ? linkTypes[Number(event.key) - 1] : undefined;
        if (type) {
          event.preventDefault();
          onLink(type.id, from, to);
        } else if (event.key === 's' && anyDirected) {
          event.preventDefault();
          setSwapped((s) => !s);
        } else menu.onKeyDown(event);
      }}
    >
      <p className="link-prompt-title">
        Link “{excerpt(from.text, 50)}” with “{excerpt(to.text, 50)}”
        {from.documentId !== to.documentId && <span className="link-prompt-article"> ({excerpt(to.documentTitle, 40)})</span>}
      </p>
      {linkTypes.map((type, i) => (
        <button key={type.id} ref={i === 0 ? menu.first : undefined} type="button" onClick={() => onLink(type.id, from, to)}>
          <kbd>{i + 1}</kbd> <span className={`link-type-chip link-type-${type.id}`}>{type.name}</span>
          {type.directed && (
            <span className="link-prompt-reading">
              “{excerpt(from.text, 30)}” {type.name.toLowerCase()} “{excerpt(to.text, 30)}”
            </span>
          )}
        </button>
      ))}
      <div className="link-prompt-actions">
        {anyDirected && (
          <button type="button" onClick={() => setSwapped((s) => !s)}>
            <kbd>s</kbd> Swap direction
          </button>
        )}
        <button type="button" onClick={onClose}>
          <kbd>Esc</kbd> Not this one
        </button>
      </div>
    </div>
  );
}
