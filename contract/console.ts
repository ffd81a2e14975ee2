import { z } from 'zod/mini';
import { jobStatusSchema, jobTotalsSchema } from './jobs.ts';
import { subscriptionSchema } from './schemas.ts';

/**
 * Wire shapes of the console's own endpoints (`/__console/...`), which its server answers itself
 * and never forwards. Shared by the server (which answers them) and the page.
 */

/** Where the console's changes go: the kind and origin only, never the key. */
export const upstreamInfoSchema = z.object({
  kind: z.enum(['sandbox', 'linq']),
  origin: z.string(),
});
export type UpstreamInfo = z.infer<typeof upstreamInfoSchema>;

/**
 * LINQ_CONSOLE_AUTH's values, and what the session endpoint says sign-in is: none (loopback, one
 * operator), built-in OpenID Connect, or an authenticating proxy.
 */
export const AUTH_MODES = ['none', 'oidc', 'proxy'] as const;
export const authModeSchema = z.enum(AUTH_MODES);
export type AuthMode = z.infer<typeof authModeSchema>;

/** Editors change subscriptions and labels; viewers read. */
export const roleSchema = z.enum(['editor', 'viewer']);
export type Role = z.infer<typeof roleSchema>;

/** Who the page acts as. With sign-in off (`none`) there is no user and the one operator is an editor. */
export const sessionSchema = z.object({
  auth: authModeSchema,
  user: z.nullable(z.object({ email: z.string(), name: z.nullable(z.string()) })),
  role: roleSchema,
  /** Where the page posts to sign out (oidc); null when signing out is not the console's to do. */
  sign_out_url: z.nullable(z.string()),
});
export type Session = z.infer<typeof sessionSchema>;

const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text without its bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE and the rest): a label
 * or batch label is words for people, and one that reorders itself on screen can pass for another.
 */
export const withoutBidiControls = (text: string) => text.replace(BIDI_CONTROLS, '');

/** Words people gave, as the page shows them: bidirectional controls neutralised as they are read. */
const shownText = () => z.string().check(z.overwrite(withoutBidiControls));

/** The console's name and note for a subscription (Linq has no such field), kept in its database. */
export const labelSchema = z.object({
  subscription_id: z.string(),
  name: shownText(),
  note: shownText(),
  updated_at: z.string(),
  updated_by: z.nullable(z.string()),
});
export type Label = z.infer<typeof labelSchema>;

/** `GET /__console/labels`: by subscription id, at most `limit` (1–1,000, default 1,000) a page; `next_cursor` asks for the next. */
export const labelListSchema = z.object({ labels: z.array(labelSchema), next_cursor: z.nullable(z.string()) });
export const LABEL_PAGE_MAX = 1_000;
export type LabelList = z.infer<typeof labelListSchema>;

/** `PUT /__console/labels/{id}`: name at most 80 characters, note at most 2,000; both empty removes the label. */
export const labelBodySchema = z.object({ name: z.string(), note: z.string() });

export const LABEL_NAME_MAX = 80;
export const LABEL_NOTE_MAX = 2_000;

// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const LINE_CONTROLS = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- a note keeps tabs and line breaks, nothing else
const NOTE_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What keeps a text out of the database, in words, or undefined: a control character (a note may
 * hold tabs and line breaks) or half of a UTF-16 surrogate pair, which no UTF-8 column can store.
 */
export function storableTextProblem(text: string, kind: 'line' | 'note'): string | undefined {
  if ((kind === 'line' ? LINE_CONTROLS : NOTE_CONTROLS).test(text)) return 'contains a control character';
  if (LONE_SURROGATE.test(text)) return 'contains half of a character (a lone UTF-16 surrogate)';
  return undefined;
}
export type LabelBody = z.infer<typeof labelBodySchema>;

/**
 * Headers the page adds to a forwarded write so the journal can group and name it; descriptive
 * only (the server decides who, when, before and after). They are never forwarded to Linq.
 */
export const JOURNAL_HEADERS = {
  /** A bulk action's id (one per confirmed action, shared by its retries) and its label. */
  batchId: 'x-console-batch-id',
  batchLabel: 'x-console-batch-label',
  /** "restore", with the id of the journal entry whose version is written back. */
  intent: 'x-console-intent',
  restoreOf: 'x-console-restore-of',
} as const;

/**
 * On every forwarded answer: how many requests to Linq it took (2 for a PUT or DELETE: the
 * journal's read of the subscription before it, and the write; 1 when that read was refused).
 * The bench counts a batch's floor by it.
 */
export const UPSTREAM_REQUESTS_HEADER = 'x-console-upstream-requests';

export const journalActionSchema = z.enum(['create', 'update', 'delete', 'restore', 'label']);
export type JournalAction = z.infer<typeof journalActionSchema>;

/**
 * One change the console forwarded (or a label change), as its server recorded it: who, when,
 * what was asked, the subscription before (read from Linq just before the write) and after
 * (Linq's answer), and the outcome. `unknown`: the console stopped before Linq answered.
 * The signing secret is never recorded. Label entries carry labels as before and after.
 */
export const activityEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  /** The signed-in email, or "local" with sign-in off. */
  actor: z.string(),
  action: journalActionSchema,
  subscription_id: z.nullable(z.string()),
  target_url: z.nullable(z.string()),
  request: z.nullable(z.record(z.string(), z.unknown())),
  before: z.nullable(z.union([subscriptionSchema, labelSchema])),
  after: z.nullable(z.union([subscriptionSchema, labelSchema])),
  outcome: z.enum(['ok', 'failed', 'unknown']),
  /** Linq's HTTP status (null while unknown). */
  status: z.nullable(z.number()),
  error: z.nullable(z.object({ code: z.nullable(z.number()), message: z.string() })),
  batch: z.nullable(z.object({ id: z.string(), label: shownText() })),
  restore_of: z.nullable(z.string()),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

/**
 * A bulk action's true totals, whatever part of it a page holds: from its job when the server ran
 * it (contract/jobs.ts, with its status), else counted over the journal (done: ok).
 */
export const batchSummarySchema = z.object({
  status: z.nullable(jobStatusSchema),
  totals: jobTotalsSchema,
  /** Whether the job has done writes that Undo can put back (false for a batch without a job). */
  undoable: z.boolean(),
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;

/**
 * `GET /__console/activity`: newest first; `next_cursor` fetches the page after this one. Without
 * `subscription_id` or `batch_id` a bulk action is one entry (its newest write) wherever its
 * writes fall, with its totals in `batches`; `batch_id` lists that batch's writes.
 */
export const activityListSchema = z.object({
  entries: z.array(activityEntrySchema),
  next_cursor: z.nullable(z.string()),
  batches: z.record(z.string(), batchSummarySchema),
});
export type ActivityList = z.infer<typeof activityListSchema>;

/** The activity query: every filter optional; `limit` 1–500 (default 100); `since` an ISO time. */
export interface ActivityQuery {
  subscription_id?: string;
  batch_id?: string;
  actor?: string;
  since?: string;
  limit?: number;
  cursor?: string;
}
