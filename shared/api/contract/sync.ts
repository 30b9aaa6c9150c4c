import { z } from 'zod';
import { type MethodSpec, method, noInput } from './ids.js';

/** A team's repository as people type it: http(s), no credentials in it. */
const RemoteUrlSchema = z.string().trim().min(1, 'Type the address of the team’s git repository').max(2000);

/** A value of a JSON file as a conflict shows it (null also when absent: see `absent`). */
const JsonValueSchema = z.json();

/** A value of one JSON file both sides of a sync changed differently, with every version. */
export const FieldConflictSchema = z.object({
  kind: z.literal('field'),
  /** Names the conflict among those of one sync. */
  id: z.string(),
  /** The file, relative to the workspace. */
  file: z.string(),
  /** The value's place as people read it (`labels[id=claim].colour`). */
  where: z.string(),
  base: JsonValueSchema,
  ours: JsonValueSchema,
  theirs: JsonValueSchema,
  /** Which versions are absent (deleted, or never there). */
  absent: z.array(z.enum(['base', 'ours', 'theirs'])),
});

/** A whole file both sides changed where no field-by-field merge applies, with every version's text. */
export const FileConflictSchema = z.object({
  kind: z.literal('file'),
  id: z.string(),
  file: z.string(),
  /** Why the file could not be merged field by field. */
  reason: z.string(),
  base: z.string().nullable(),
  ours: z.string().nullable(),
  theirs: z.string().nullable(),
});

/** One thing both sides of a sync changed differently, waiting for a choice. */
export const SyncConflictSchema = z.discriminatedUnion('kind', [FieldConflictSchema, FileConflictSchema]);
/** A conflict of a sync. */
export type SyncConflictView = z.infer<typeof SyncConflictSchema>;

/** What a team operation is doing right now. */
export const TeamActivitySchema = z.object({
  operation: z.enum(['sync', 'share', 'join']),
  /** The step: committing, fetching, merging, pushing, updating (a join: receiving). */
  phase: z.string(),
  /** How far the step is, when git says (objects received…). */
  progress: z.object({ loaded: z.number(), total: z.number() }).nullable(),
  startedAt: z.string(),
});
/** A team operation in progress. */
export type TeamActivity = z.infer<typeof TeamActivitySchema>;

/** How the last team operation ended. */
export const TeamOutcomeSchema = z.object({
  operation: z.enum(['sync', 'share', 'join']),
  at: z.string(),
  kind: z.enum(['done', 'conflicts', 'failed', 'cancelled']),
  /** One sentence for people. */
  message: z.string(),
  /** The failure's kind (`unreachable`, `wrong-token`…) when it failed. */
  failure: z.string().nullable(),
  /** How many files the team's changes brought in. */
  received: z.number().int(),
});
/** How the last team operation ended. */
export type TeamOutcome = z.infer<typeof TeamOutcomeSchema>;

/** Where the token sent to the team's git server comes from. */
export const TokenStatusSchema = z.object({
  /** `saved`: kept encrypted in the user's settings (desktop); `environment`: the variable; `none`. */
  source: z.enum(['saved', 'environment', 'none']),
  /** Whether a token can be saved from the app (the desktop app with the system's keychain). */
  canSave: z.boolean(),
  /** The environment variable read (for the browser host and the command line). */
  variable: z.string(),
});
/** Where the token comes from. */
export type TokenStatus = z.infer<typeof TokenStatusSchema>;

/** Everything the app shows about the team workspace and its syncing. */
export const TeamSyncStatusSchema = z.object({
  /** The team's repository, or null when this workspace is not shared. */
  remoteUrl: z.string().nullable(),
  /** Whether this workspace can join a team now (it is empty and not shared). */
  canJoin: z.boolean(),
  token: TokenStatusSchema,
  /** What runs now, or null. */
  activity: TeamActivitySchema.nullable(),
  /** How the last operation ended, or null. */
  last: TeamOutcomeSchema.nullable(),
  /** When the workspace and the team were last the same (a finished sync, share or join). */
  lastSyncedAt: z.string().nullable(),
  /** Whether the last try could not reach the server (the next sync catches up). */
  offline: z.boolean(),
  /** Conflicts the last sync stopped at, waiting for a choice. */
  conflicts: z.array(SyncConflictSchema),
  /** Minutes between automatic syncs, or null when off. */
  autoSyncMinutes: z.number().int().positive().nullable(),
  /** Goes up whenever a team operation changed the workspace's files: the app then reads them again. */
  filesRevision: z.number().int(),
});
/** The team sync status. */
export type TeamSyncStatus = z.infer<typeof TeamSyncStatusSchema>;

/** Minutes between automatic syncs the app offers. */
export const AUTO_SYNC_CHOICES = [2, 5, 15, 30] as const;

/**
 * Team sync: share this workspace through a git server, join a team's, sync (commit mine, fetch,
 * merge, push), settle conflicts by choice, and how the token and automatic syncing are set. The
 * long operations start here and run in the background; `getTeamSyncStatus` tells how they go.
 */
export const syncContract = {
  /** The team workspace, its token, what runs, how the last operation ended, and conflicts waiting. */
  getTeamSyncStatus: method(noInput, TeamSyncStatusSchema),

  /** Starts a sync (nothing starts while one runs); edits wait while the files change. */
  startSync: method(noInput, TeamSyncStatusSchema),

  /** Cancels what runs; the workspace is left as it was. */
  cancelTeamOperation: method(noInput, TeamSyncStatusSchema),

  /** Settles the waiting conflicts (each `ours` or `theirs`) and syncs again. */
  resolveSyncConflicts: method(z.object({ choices: z.record(z.string(), z.enum(['ours', 'theirs'])) }).strict(), TeamSyncStatusSchema),

  /** Makes this workspace a team workspace in the empty repository at `remoteUrl` and pushes it. */
  shareWorkspace: method(z.object({ remoteUrl: RemoteUrlSchema }).strict(), TeamSyncStatusSchema),

  /** Fills this empty workspace with the team's from `remoteUrl`. */
  joinTeamWorkspace: method(z.object({ remoteUrl: RemoteUrlSchema }).strict(), TeamSyncStatusSchema),

  /** Saves (or, with null, forgets) the token for this workspace's server, encrypted; only where `canSave`. */
  saveGitToken: method(z.object({ remoteUrl: RemoteUrlSchema, token: z.string().min(1).max(4000).nullable() }).strict(), TeamSyncStatusSchema),

  /** Turns automatic syncing on (every so many minutes) or off (null); kept for this workspace on this machine. */
  setAutoSync: method(z.object({ minutes: z.number().int().min(1).max(1440).nullable() }).strict(), TeamSyncStatusSchema),
} satisfies Record<string, MethodSpec>;
