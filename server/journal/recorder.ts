import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { JOURNAL_HEADERS, withoutBidiControls, type JournalAction } from '../../contract/console.ts';
import { LINQ_ENDPOINTS, matchPath } from '../../contract/endpoints.ts';
import { ERRORS } from '../errors.ts';
import type { Send, UpstreamResult, Write, WriteMethod } from '../forwarding.ts';
import { single } from '../http/headers.ts';
import type { Database } from './db.ts';
import { findEntry, insertIntent, insertOutcome, storedObject, type Intent, type Outcome } from './journal.ts';

/**
 * Every write the console forwards goes through here (the entry plugs it in as the proxy's
 * `forwardWrite`, forwarding.ts): the subscription read from Linq just before
 * (update, delete), an intent row written BEFORE the write is sent (no row, no write: 503), the
 * write, then an outcome row. If the outcome cannot be written the answer still goes back, and
 * the entry reads `unknown`; nothing ever changes at Linq without an intent row in front of it.
 */

/** A write as the journal records it: the forwarded write, the client's headers (only the journal hints are read) and who asked. */
export interface JournaledWrite extends Write {
  headers: IncomingHttpHeaders;
  actor: string;
}

// A hint is a short, printable token: never a place for anything else.
const HINT = /^[\x20-\x7e]{1,200}$/;

type Hints = { batch: Intent['batch']; restoreOf: string | null } | { problem: string };

/**
 * A batch's label is words for people, so it is never a reason to refuse a write: percent-encoded
 * UTF-8 (how a page sends "Turn off 3 – EU" in a header) is decoded once, control characters are
 * dropped (bidirectional controls too), and it is cut at 200 characters.
 */
function readLabel(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let text = raw;
  try {
    text = decodeURIComponent(raw);
  } catch {
    // Not percent-encoding after all: the text as it came.
  }
  // eslint-disable-next-line no-control-regex -- control characters are what is dropped
  return withoutBidiControls(text.replace(/[\u0000-\u001f\u007f]/g, '')).slice(0, 200);
}

function readHints(headers: IncomingHttpHeaders, method: WriteMethod): Hints {
  const value = (name: string) => single(headers[name])?.trim();
  const batchId = value(JOURNAL_HEADERS.batchId);
  const batchLabel = readLabel(value(JOURNAL_HEADERS.batchLabel));
  const intent = value(JOURNAL_HEADERS.intent);
  const restoreOf = value(JOURNAL_HEADERS.restoreOf);
  for (const hint of [JOURNAL_HEADERS.batchId, JOURNAL_HEADERS.intent, JOURNAL_HEADERS.restoreOf]) {
    const raw = value(hint);
    if (raw !== undefined && !HINT.test(raw))
      return { problem: `${hint} must be 1 to 200 printable ASCII characters.` };
  }
  if (batchLabel !== undefined && batchId === undefined) {
    return { problem: `${JOURNAL_HEADERS.batchLabel} needs ${JOURNAL_HEADERS.batchId}.` };
  }
  if (intent !== undefined && intent !== 'restore')
    return { problem: `${JOURNAL_HEADERS.intent} can only be "restore".` };
  if ((intent === 'restore') !== (restoreOf !== undefined)) {
    return { problem: `${JOURNAL_HEADERS.intent}: restore and ${JOURNAL_HEADERS.restoreOf} go together.` };
  }
  if (intent === 'restore' && method !== 'PUT') return { problem: 'A restore is a PUT of the subscription.' };
  return {
    batch: batchId === undefined ? null : { id: batchId, label: batchLabel ?? '' },
    restoreOf: restoreOf ?? null,
  };
}

const parse = (body: Buffer | undefined): unknown => {
  if (body === undefined || body.length === 0) return null;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
};

function outcomeOf(result: UpstreamResult, method: WriteMethod): Outcome {
  if (result.kind !== 'answer') {
    // The console could not tell what Linq did (no answer in time, a cut connection, an answer it
    // refused, or the client leaving mid-way): the write may or may not have been applied.
    const error = result.kind === 'refused' ? result.envelope.error : { code: null, message: 'The client left.' };
    return {
      outcome: 'unknown',
      status: null,
      error: { code: error.code, message: error.message },
      subscriptionId: null,
      after: null,
    };
  }
  const answer = parse(result.body);
  if (result.status >= 200 && result.status < 300) {
    const after = method === 'DELETE' ? null : storedObject(answer);
    return { outcome: 'ok', status: result.status, error: null, subscriptionId: text(after?.id), after };
  }
  const error = (answer as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return {
    outcome: 'failed',
    status: result.status,
    error: {
      code: typeof error?.code === 'number' ? error.code : null,
      message: typeof error?.message === 'string' ? error.message : `Linq answered ${result.status}.`,
    },
    subscriptionId: null,
    after: null,
  };
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

export function createRecorder(database: Database, log: FastifyBaseLogger) {
  const refuse = (problem: string): UpstreamResult => ({
    kind: 'refused',
    envelope: ERRORS.badRequest(`The journal hint headers are not valid: ${problem}`),
    cause: 'bad journal hints',
  });

  return async function forwardJournaled(write: JournaledWrite, send: Send): Promise<UpstreamResult> {
    const hints = readHints(write.headers, write.method);
    if ('problem' in hints) return refuse(hints.problem);
    const subscriptionId =
      write.method === 'POST' ? null : (matchPath(LINQ_ENDPOINTS.updateSubscription.path, write.path)?.id ?? null);
    const action: JournalAction =
      write.method === 'POST'
        ? 'create'
        : write.method === 'DELETE'
          ? 'delete'
          : hints.restoreOf
            ? 'restore'
            : 'update';

    if (hints.restoreOf !== null) {
      let restored;
      try {
        restored = await findEntry(database.query, hints.restoreOf);
      } catch {
        return { kind: 'refused', envelope: ERRORS.journalUnavailable(), cause: 'journal read failed' };
      }
      if (restored === undefined || restored.subscription_id !== subscriptionId) {
        return refuse(`${JOURNAL_HEADERS.restoreOf} names no journal entry about this subscription.`);
      }
    }

    // The state before, from Linq itself. Not found: the write will say so too, and is journaled.
    // Any other failure (a 429 among them) is the answer: nothing was sent, so it can be retried.
    let before = null;
    if (subscriptionId !== null) {
      const read = await send('GET', write.path, undefined);
      if (read.kind !== 'answer') return read;
      if (read.status === 200) before = storedObject(parse(read.body));
      else if (read.status !== 404) return read;
    }

    const id = randomUUID();
    const intent: Intent = {
      actor: write.actor,
      action,
      subscriptionId,
      request: write.method === 'DELETE' ? null : storedObject(parse(write.body)),
      before,
      batch: hints.batch,
      restoreOf: hints.restoreOf,
    };
    try {
      await insertIntent(database.query, id, intent);
    } catch (error) {
      log.error({ code: (error as { code?: unknown }).code }, 'journal intent not recorded; write not forwarded');
      return { kind: 'refused', envelope: ERRORS.journalUnavailable(), cause: 'journal unavailable' };
    }

    const result = await send(write.method, write.path, write.body);
    const outcome = outcomeOf(result, write.method);
    try {
      await insertOutcome(database.query, id, outcome);
    } catch (error) {
      // The write happened (or may have): the entry stays, its outcome shows as unknown.
      log.error({ code: (error as { code?: unknown }).code, entry: id }, 'journal outcome not recorded');
    }
    return result;
  };
}

export type Recorder = ReturnType<typeof createRecorder>;
