/** One keyboard shortcut as the `?` overlay lists it. */
export interface ShortcutDescription {
  keys: string;
  does: string;
}

/** Keys with a fixed meaning in the article, which no label may use as its hotkey. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['j', 'k', 'l', '?', '[', ']', '{', '}', '+', '/', 'n', 'p', 'm', 'c']);

/** The shortcuts of the annotating workflow (label hotkeys are added from the schema). */
export const SHORTCUTS: readonly ShortcutDescription[] = [
  { keys: 'Shift + arrows', does: 'Select text with the keyboard' },
  { keys: 'label key', does: 'Label the selection; with no selection, relabel the focused annotation' },
  { keys: 'Alt + label key', does: 'Label exactly the selected characters (no snapping to words)' },
  { keys: '+', does: 'Add the selection as one piece of a discontinuous annotation; the label key finishes it' },
  { keys: 'j / k', does: 'Focus the next / previous annotation' },
  { keys: 'Enter', does: 'Open the details of the focused annotation' },
  { keys: 'Delete', does: 'Delete the focused annotation' },
  { keys: '[ / ]', does: 'Move the focused annotation’s start left / right by one character' },
  { keys: '{ / }', does: 'Move the focused annotation’s end left / right by one character' },
  { keys: 'Ctrl/Cmd + Z', does: 'Undo' },
  { keys: 'Shift + Ctrl/Cmd + Z', does: 'Redo' },
  { keys: 'Ctrl/Cmd + F', does: 'Find in the article' },
  { keys: 'Ctrl/Cmd + Shift + F', does: 'Search all articles' },
  { keys: 'm', does: 'Mark your status of the article: not started → in progress → done (and round again)' },
  { keys: 'l', does: 'Start a link from the focused annotation; click the other one (here, side by side or in another article), then press the link type’s number' },
  { keys: '1–4 (while linking)', does: 'Link as same, paraphrase, supports or contradicts' },
  { keys: 's (in the link prompt)', does: 'Swap the two ends of a one-way link before choosing its type' },
  { keys: 'Escape', does: 'Close popups; then clear the selection, the pieces, a link being made, the focus (one per press)' },
  { keys: 'Ctrl/Cmd + Shift + Y', does: 'Sync a team workspace: send your work, bring in the team’s' },
  { keys: '?', does: 'Show this list' },
];

/** The keys of the Curate view (they work there; `c` opens it from the article). */
export const CURATION_SHORTCUTS: readonly ShortcutDescription[] = [
  { keys: 'c', does: 'Curate the open article: every annotator’s layer, one disagreement at a time' },
  { keys: '1–9 (in Curate)', does: 'Take that annotator’s version' },
  { keys: 'b (in Curate)', does: 'Keep both (every annotator’s different span, as separate annotations)' },
  { keys: '0 or x (in Curate)', does: 'Keep none of them' },
  { keys: 'e (in Curate)', does: 'Edit: Shift + ← / → move the end, Alt + Shift + ← / → the start (with Ctrl: a word), a label key relabels, Tab reaches the attribute values, Enter keeps it (Ctrl + Enter from any field), Escape leaves it' },
  { keys: 'j / k or arrows (in Curate)', does: 'The next / previous disagreement' },
  { keys: 'm (in Curate)', does: 'Mark the article curated, once no disagreement is left to decide' },
];
