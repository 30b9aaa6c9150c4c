import type { AnnotationChangeKind, ArticleChange, LayerChange, QuotedAnnotationChange } from '../api/contract/history.js';
import { plural } from '../text/plural.js';

/** How each way an annotation can change is said. */
const KIND_WORDS: Record<AnnotationChangeKind, string> = {
  label: 'relabelled',
  range: 'span changed',
  note: 'note changed',
  attributes: 'attributes changed',
  orphaned: 'lost its place in the text',
};

/** How the details of an article are named. */
const FIELD_NAMES: Record<string, string> = { url: 'URL', author: 'byline', dateWarning: 'date warning', sourceFile: 'source file' };

/** A count with its word: "1 annotation", "3 annotations". */
function counted(count: number, one: string, many?: string): string {
  return `${count.toLocaleString('en')} ${plural(count, one, many)}`;
}

/**
 * What one change did to one layer's annotations, in counts: "2 added, 1 removed, 3 changed (2
 * relabelled, 1 span changed)". Only the kinds that happened are named.
 */
export function layerChangeCounts(change: LayerChange): string {
  const parts: string[] = [];
  if (change.added > 0) parts.push(`${change.added.toLocaleString('en')} added`);
  if (change.removed > 0) parts.push(`${change.removed.toLocaleString('en')} removed`);
  if (change.changed > 0) {
    const ways = (Object.keys(KIND_WORDS) as AnnotationChangeKind[]).filter((kind) => change.changedBy[kind] > 0).map((kind) => `${change.changedBy[kind].toLocaleString('en')} ${KIND_WORDS[kind]}`);
    parts.push(`${change.changed.toLocaleString('en')} changed${ways.length > 0 ? ` (${ways.join(', ')})` : ''}`);
  }
  return parts.join(', ');
}

/**
 * What happened to one quoted annotation, after its label and text: "added", "removed", or for a
 * changed one each way it changed with what it was before: "relabelled (was Claim); span changed
 * (was “…”); note changed: “…”".
 */
export function annotationChangeWords(example: QuotedAnnotationChange): string {
  if (example.change !== 'changed') return example.change;
  return example.what
    .map((kind) => {
      if (kind === 'label' && example.previousLabel !== null) return `${KIND_WORDS.label} (was ${example.previousLabel})`;
      if (kind === 'range' && example.previousQuote !== null) return `${KIND_WORDS.range} (was “${example.previousQuote}”)`;
      if (kind === 'note' && example.note !== null) return example.note === '' ? 'note removed' : `note: “${example.note}”`;
      return KIND_WORDS[kind];
    })
    .join('; ');
}

/** What one change did to the article itself, in words. */
export function articleChangeWords(change: ArticleChange): string {
  switch (change.kind) {
    case 'added':
      return `Article added: “${change.title}”`;
    case 'removed':
      return `Article removed from the workspace: “${change.title}”`;
    case 'text': {
      const lengths = change.lengthBefore !== null && change.lengthAfter !== null ? ` (${change.lengthBefore.toLocaleString('en')} → ${counted(change.lengthAfter, 'character')})` : '';
      return `Text replaced${lengths}`;
    }
    case 'detail': {
      const name = FIELD_NAMES[change.field] ?? change.field;
      const value = (text: string | null) => (text === null ? 'none' : `“${text}”`);
      return `${name.charAt(0).toUpperCase()}${name.slice(1)}: ${value(change.before)} → ${value(change.after)}`;
    }
  }
}

/** When, relative to `now`: "just now", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago", or the date beyond a month. */
export function relativeTime(at: Date, now: Date): string {
  const seconds = Math.round((now.getTime() - at.getTime()) / 1000);
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${counted(minutes, 'minute')} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${counted(hours, 'hour')} ago`;
  const days = Math.floor(hours / 24);
  if (days === 1) return 'yesterday';
  if (days < 31) return `${days} days ago`;
  return `on ${at.toISOString().slice(0, 10)}`;
}
