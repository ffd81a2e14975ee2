import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  LABEL_NAME_MAX,
  LABEL_NOTE_MAX,
  LABEL_PAGE_MAX,
  labelBodySchema,
  storableTextProblem,
  type Label,
} from '../contract/console.ts';
import { CONSOLE_ENDPOINTS, PATH_PARAMETER } from '../contract/endpoints.ts';
import { ERRORS, sendEnvelope } from './errors.ts';
import type { UpstreamResult } from './forwarding.ts';
import type { Query } from './journal/db.ts';
import type { Database } from './journal/db.ts';
import { insertIntent, insertOutcome } from './journal/journal.ts';

/**
 * Labels: the console's own name and note for a subscription (Linq keeps neither), in the same
 * database as the journal. A change is journaled (action `label`, before and after are labels) in
 * the same transaction as the change itself, so the two cannot disagree.
 */

interface LabelRow {
  subscription_id: string;
  name: string;
  note: string;
  updated_at: Date | string;
  updated_by: string | null;
}

const toLabel = (row: LabelRow): Label => ({ ...row, updated_at: new Date(row.updated_at).toISOString() });

const SELECT_LABELS = 'SELECT subscription_id, name, note, updated_at, updated_by FROM labels';

async function readLabel(query: Query, id: string): Promise<Label | undefined> {
  const [row] = await query<LabelRow>(`${SELECT_LABELS} WHERE subscription_id = $1`, [id]);
  return row && toLabel(row);
}

type Checked = { ok: true; name: string; note: string } | { ok: false; message: string };

/** labelBodySchema, trimmed, within the lengths. */
export function checkLabelBody(body: unknown): Checked {
  const parsed = labelBodySchema.safeParse(body);
  if (!parsed.success)
    return {
      ok: false,
      message: `Send {"name": string, "note": string}, both required (empty to clear): a name of at most ${LABEL_NAME_MAX} characters, a note of at most ${LABEL_NOTE_MAX}.`,
    };
  const name = parsed.data.name.trim();
  const note = parsed.data.note.trim();
  if (name.length > LABEL_NAME_MAX)
    return { ok: false, message: `The name is longer than ${LABEL_NAME_MAX} characters.` };
  if (note.length > LABEL_NOTE_MAX)
    return { ok: false, message: `The note is longer than ${LABEL_NOTE_MAX} characters.` };
  const nameProblem = storableTextProblem(name, 'line');
  if (nameProblem) return { ok: false, message: `The name ${nameProblem}.` };
  const noteProblem = storableTextProblem(note, 'note');
  if (noteProblem) return { ok: false, message: `The note ${noteProblem}.` };
  return { ok: true, name, note };
}

/** Sets (or, with both empty, removes) a label and journals it; the label as it now is. */
export async function putLabel(database: Database, id: string, body: { name: string; note: string }, actor: string) {
  return database.transaction(async ({ query }) => {
    const before = (await readLabel(query, id)) ?? null;
    const remove = body.name === '' && body.note === '';
    const now = new Date().toISOString();
    const after: Label | null = remove
      ? null
      : { subscription_id: id, name: body.name, note: body.note, updated_at: now, updated_by: actor };
    const unchanged = before === null ? after === null : before.name === body.name && before.note === body.note;
    if (unchanged) return before ?? { subscription_id: id, name: '', note: '', updated_at: now, updated_by: actor };

    const entry = randomUUID();
    await insertIntent(query, entry, {
      actor,
      action: 'label',
      subscriptionId: id,
      request: { name: body.name, note: body.note },
      before,
      batch: null,
      restoreOf: null,
    });
    if (after === null) await query('DELETE FROM labels WHERE subscription_id = $1', [id]);
    else {
      await query(
        `INSERT INTO labels (subscription_id, name, note, updated_at, updated_by) VALUES ($1, $2, $3, $4::text::timestamptz, $5)
         ON CONFLICT (subscription_id) DO UPDATE SET name = $2, note = $3, updated_at = $4::text::timestamptz, updated_by = $5`,
        [id, after.name, after.note, now, actor],
      );
    }
    await insertOutcome(query, entry, { outcome: 'ok', status: null, error: null, subscriptionId: id, after });
    // A removed label answers as an empty one: what the page shows for "no label".
    return after ?? { subscription_id: id, name: '', note: '', updated_at: now, updated_by: actor };
  });
}

export interface LabelRoutesOptions {
  database: Database;
  /** Who is asking, for the journal ("local" with sign-in off). */
  actorOf: (request: FastifyRequest) => string;
  /** Linq's GET of the subscription: a label is only set on one Linq knows. */
  findSubscription: (request: FastifyRequest, id: string) => Promise<UpstreamResult>;
}

const encodeCursor = (id: string) => Buffer.from(`id:${id}`).toString('base64url');
function decodeCursor(cursor: string): string | undefined {
  const id = /^id:(.+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))?.[1];
  return id !== undefined && PATH_PARAMETER.test(id) ? id : undefined;
}

/** The list query checked: `limit` 1–1,000 (default 1,000), `cursor` one this server gave out. */
export function parseLabelQuery(
  raw: Record<string, unknown>,
): { limit: number; after: string | null } | { problem: string } {
  const { limit, cursor } = raw;
  if ((limit !== undefined && typeof limit !== 'string') || (cursor !== undefined && typeof cursor !== 'string'))
    return { problem: 'Give limit and cursor once each.' };
  const count = limit === undefined ? LABEL_PAGE_MAX : /^\d{1,4}$/.test(limit) ? Number(limit) : NaN;
  if (!(count >= 1 && count <= LABEL_PAGE_MAX))
    return { problem: `limit must be a whole number from 1 to ${LABEL_PAGE_MAX.toLocaleString('en')}.` };
  const after = cursor === undefined ? null : decodeCursor(cursor);
  if (after === undefined) return { problem: 'cursor is not one this console gave out.' };
  return { limit: count, after };
}

/**
 * Refuses a label for a subscription Linq does not know (404), or passes on why Linq could not say;
 * true once it has answered. (Not the reply itself: a reply is a thenable, and an async function
 * would resolve it.)
 */
function refusedByLinq(reply: FastifyReply, answer: UpstreamResult): boolean {
  if (answer.kind === 'answer' && answer.status === 200) return false;
  if (answer.kind === 'answer' && answer.status === 404) {
    sendEnvelope(
      reply,
      ERRORS.notFound(
        'Linq has no subscription with this id: a label can only be given to a subscription that exists.',
      ),
    );
  } else if (answer.kind === 'answer') {
    // Linq's own refusal (a 429 with its wait, a 5xx): the label waits for the same retry.
    void reply.code(answer.status).headers(answer.headers).header('cache-control', 'no-store').send(answer.body);
  } else if (answer.kind === 'refused') {
    sendEnvelope(reply, answer.envelope);
  } else {
    sendEnvelope(reply, ERRORS.badRequest('The request ended before Linq answered.'));
  }
  return true;
}

/** The label routes, an encapsulated plugin. */
export async function labelRoutes(
  app: FastifyInstance,
  { database, actorOf, findSubscription }: LabelRoutesOptions,
): Promise<void> {
  const unavailable = (request: FastifyRequest, error: unknown) => {
    request.log.error({ code: (error as { code?: unknown }).code }, 'labels: database failed');
    return ERRORS.databaseUnavailable();
  };
  const idOf = (request: FastifyRequest) => {
    const { id } = request.params as { id: string };
    return PATH_PARAMETER.test(id) ? id : undefined;
  };
  const path = CONSOLE_ENDPOINTS.getLabel.path.replace('{id}', ':id');

  app.get(CONSOLE_ENDPOINTS.listLabels.path, async (request, reply) => {
    const query = parseLabelQuery(request.query as Record<string, unknown>);
    if ('problem' in query)
      return sendEnvelope(reply, ERRORS.badRequest(`The labels query is not valid: ${query.problem}`));
    try {
      // One more than asked: whether there is a next page.
      const rows = await database.query<LabelRow>(
        `${SELECT_LABELS} WHERE ($1::text IS NULL OR subscription_id > $1::text) ORDER BY subscription_id LIMIT $2::int`,
        [query.after, query.limit + 1],
      );
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const next_cursor = rows.length > query.limit && last ? encodeCursor(last.subscription_id) : null;
      return reply.header('cache-control', 'no-store').send({ labels: page.map(toLabel), next_cursor });
    } catch (error) {
      return sendEnvelope(reply, unavailable(request, error));
    }
  });

  app.get(path, async (request, reply) => {
    const id = idOf(request);
    if (id === undefined) return sendEnvelope(reply, ERRORS.notFound('This subscription has no label.'));
    try {
      const label = await readLabel(database.query, id);
      if (!label) return sendEnvelope(reply, ERRORS.notFound('This subscription has no label.'));
      return reply.header('cache-control', 'no-store').send(label);
    } catch (error) {
      return sendEnvelope(reply, unavailable(request, error));
    }
  });

  app.put(path, async (request, reply) => {
    const id = idOf(request);
    if (id === undefined) return sendEnvelope(reply, ERRORS.badRequest('That is not a subscription id.'));
    let body: unknown;
    try {
      body = Buffer.isBuffer(request.body) ? JSON.parse(request.body.toString('utf8')) : undefined;
    } catch {
      return sendEnvelope(reply, ERRORS.invalidJson());
    }
    const checked = checkLabelBody(body);
    if (!checked.ok) return sendEnvelope(reply, ERRORS.badRequest(`The label is not valid: ${checked.message}`));
    // Clearing needs no look-up: a deleted subscription's label can still be removed.
    if (checked.name !== '' || checked.note !== '') {
      if (refusedByLinq(reply, await findSubscription(request, id))) return reply;
    }
    try {
      const label = await putLabel(database, id, checked, actorOf(request));
      return reply.header('cache-control', 'no-store').send(label);
    } catch (error) {
      return sendEnvelope(reply, unavailable(request, error));
    }
  });
}
