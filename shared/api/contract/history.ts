import { z } from 'zod';
import { type MethodSpec, method, documentId } from './ids.js';

/** How an annotation that is still there changed: its label, its span, its note, its attributes, or it lost its place in the text. */
export const AnnotationChangeKindSchema = z.enum(['label', 'range', 'note', 'attributes', 'orphaned']);
/** How an annotation changed. */
export type AnnotationChangeKind = z.infer<typeof AnnotationChangeKindSchema>;

/** One annotation a history entry quotes: added, removed or changed. */
export const QuotedAnnotationChangeSchema = z.object({
  change: z.enum(['added', 'removed', 'changed']),
  annotationId: z.string(),
  /** Its label's id (after the change). */
  labelId: z.string(),
  /** Its label's name as the workspace names it now (the label's id when the label is gone). */
  label: z.string(),
  /** Its text (pieces joined by " … "), shortened to a line. For a removed annotation, the text it had. */
  quote: z.string(),
  /** For a changed one, how (empty otherwise). */
  what: z.array(AnnotationChangeKindSchema),
  /** The label it had before, when relabelled. */
  previousLabel: z.string().nullable(),
  /** The text it covered before, when its span changed. */
  previousQuote: z.string().nullable(),
  /** Its note after the change, shortened, when the note changed (empty: removed). */
  note: z.string().nullable(),
  /** Whether it is in its annotator's layer now, so it can be shown in the article. */
  present: z.boolean(),
});
/** One annotation a history entry quotes. */
export type QuotedAnnotationChange = z.infer<typeof QuotedAnnotationChangeSchema>;

/** What one change did to one annotator's layer of the article. */
export const LayerChangeSchema = z.object({
  /** Whose layer: the annotator's id and name as the workspace knows them now. */
  annotator: z.object({ id: z.string(), name: z.string() }),
  added: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  /** How many annotations that stayed changed at all. */
  changed: z.number().int().nonnegative(),
  /** How many of the changed ones changed in each way (one may change in several ways). */
  changedBy: z.record(AnnotationChangeKindSchema, z.number().int().nonnegative()),
  /** The first few of the added, removed and changed annotations, quoted. */
  examples: z.array(QuotedAnnotationChangeSchema),
});
/** What one change did to one annotator's layer. */
export type LayerChange = z.infer<typeof LayerChangeSchema>;

/** What one change did to the article itself (its entry in `workspace.json`, its stored text). */
export const ArticleChangeSchema = z.discriminatedUnion('kind', [
  /** The article came into the workspace (imported, or first shared). */
  z.object({ kind: z.literal('added'), title: z.string() }),
  /** The article left the workspace's index. */
  z.object({ kind: z.literal('removed'), title: z.string() }),
  /** Its stored text was replaced; the lengths are in UTF-16 code units, where known. */
  z.object({ kind: z.literal('text'), lengthBefore: z.number().int().nullable(), lengthAfter: z.number().int().nullable() }),
  /** One of its details (title, outlet, date, URL, author, status…) changed; the values shortened, null when unset. */
  z.object({ kind: z.literal('detail'), field: z.string(), before: z.string().nullable(), after: z.string().nullable() }),
]);
/** What one change did to the article itself. */
export type ArticleChange = z.infer<typeof ArticleChangeSchema>;

/** One change of an article's history: a commit of the team workspace, or what is here and not yet synced. */
export const HistoryEntrySchema = z.object({
  /** The commit's id, shortened; null for the changes made here since the last sync. */
  commit: z.string().nullable(),
  /** Who committed it (name and email as git recorded them); null for the changes not yet synced. */
  author: z.object({ name: z.string(), email: z.string() }).nullable(),
  /** When (ISO 8601): the commit's time, or when the newest change not yet synced was saved. */
  at: z.string().nullable(),
  /** The first line of the commit's message (empty for the changes not yet synced). */
  message: z.string(),
  /** Whether it merges the team's changes with someone's own (then it lists only what the merge itself made). */
  merge: z.boolean(),
  article: z.array(ArticleChangeSchema),
  /** Each layer it changed, by annotator id. */
  layers: z.array(LayerChangeSchema),
});
/** One change of an article's history. */
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** An article's history, newest change first. */
export const DocumentHistorySchema = z.object({
  /** Whether the workspace is a team workspace (a git repository); history exists only for one. */
  team: z.boolean(),
  /** What to tell the person when no change is listed (null when some are). */
  emptyReason: z.string().nullable(),
  entries: z.array(HistoryEntrySchema),
  /** Older changes exist beyond the number asked for. */
  more: z.boolean(),
  /** Versions of files that could not be read (named with their commit); their changes are left out. */
  problems: z.array(z.string()),
});
/** An article's history. */
export type DocumentHistory = z.infer<typeof DocumentHistorySchema>;

/** The most history entries one call returns. */
export const MAX_HISTORY_ENTRIES = 500;

/** The history of a team workspace's articles, read from its git repository. */
export const historyContract = {
  /**
   * Who changed what in an article, and when, newest first: one entry per commit that changed its
   * annotations (in any layer), its text or its details, with counts and a few quoted annotations,
   * and first the changes made here and not yet synced. A workspace that is not a team workspace
   * answers with no entries and says so (`team: false`).
   */
  getDocumentHistory: method(
    z.object({ documentId, limit: z.number().int().min(1).max(MAX_HISTORY_ENTRIES).optional() }).strict(),
    DocumentHistorySchema,
  ),
} satisfies Record<string, MethodSpec>;
