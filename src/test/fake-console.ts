import type { ActivityEntry, ActivityList, Label, Session } from '@contract/console';
import { emptyTotals, jobSubmitSchema } from '@contract/jobs';
import type { ConsoleEndpointName } from '@contract/endpoints';
import { LINQ_ERRORS } from '@contract/errors';
import { envelope, type FakeResponse } from './fake-api';
import type { FakeJobs } from './fake-jobs';

/**
 * The console's own endpoints in the unit tests' fake (src/test/fake-linq.ts): who is signed in,
 * labels, the journal's entries and bulk jobs (fake-jobs.ts), as the console's server answers them. Linq's endpoints are
 * the model's, not this file's.
 */

export const LOCAL_SESSION: Session = { auth: 'none', user: null, role: 'editor', sign_out_url: null };

export interface FakeConsoleOptions {
  session?: Session;
  labels?: Label[];
  activity?: ActivityEntry[];
}

export interface ConsoleRequest {
  endpoint: `console.${ConsoleEndpointName}`;
  id: string | undefined;
  body: unknown;
  query: URLSearchParams;
}

/**
 * As the server answers it: a batch is one entry (its newest) unless a subscription or a batch is
 * asked; a batch that is a job has the job's summary, any other its entries counted.
 */
function listActivity(activity: readonly ActivityEntry[], query: URLSearchParams, jobs: FakeJobs): ActivityList {
  const subscriptionId = query.get('subscription_id');
  const batchId = query.get('batch_id');
  const seen = new Set<string>();
  const entries = activity.filter((entry) => {
    if (subscriptionId && entry.subscription_id !== subscriptionId) return false;
    if (batchId) return entry.batch?.id === batchId;
    if (subscriptionId || !entry.batch) return true;
    if (seen.has(entry.batch.id)) return false;
    seen.add(entry.batch.id);
    return true;
  });
  const batches: ActivityList['batches'] = {};
  for (const entry of activity) {
    if (!entry.batch) continue;
    const summary = (batches[entry.batch.id] ??= { status: null, totals: emptyTotals(), undoable: false });
    summary.totals.total += 1;
    summary.totals[entry.outcome === 'ok' ? 'done' : entry.outcome] += 1;
  }
  for (const id of Object.keys(batches)) batches[id] = jobs.summary(id) ?? batches[id]!;
  const shown = new Set(entries.flatMap((entry) => (entry.batch ? [entry.batch.id] : [])));
  return {
    entries,
    next_cursor: null,
    batches: Object.fromEntries(Object.entries(batches).filter(([id]) => shown.has(id))),
  };
}

export function createFakeConsole(options: FakeConsoleOptions, jobs: FakeJobs) {
  let session = options.session ?? LOCAL_SESSION;
  const labels = new Map((options.labels ?? []).map((label) => [label.subscription_id, label]));
  let activity = options.activity ?? [];
  let lastStamp = 0;
  /** Strictly increasing, as the model's. */
  const stamp = () => new Date((lastStamp = Math.max(Date.now(), lastStamp + 1))).toISOString();

  const putLabel = (request: ConsoleRequest): FakeResponse => {
    const body = request.body as { name: string; note: string };
    const label: Label = {
      subscription_id: request.id ?? '',
      name: body.name.trim(),
      note: body.note.trim(),
      updated_at: stamp(),
      updated_by: session.user?.email ?? null,
    };
    if (label.name === '' && label.note === '') labels.delete(label.subscription_id);
    else labels.set(label.subscription_id, label);
    return { status: 200, body: label };
  };

  const answer = (request: ConsoleRequest): FakeResponse => {
    switch (request.endpoint) {
      case 'console.upstream':
        return { status: 200, body: { kind: 'sandbox', origin: 'http://127.0.0.1:4010' } };
      case 'console.session':
        return { status: 200, body: session };
      case 'console.listLabels':
        return { status: 200, body: { labels: [...labels.values()], next_cursor: null } };
      case 'console.getLabel': {
        const label = labels.get(request.id ?? '');
        return label ? { status: 200, body: label } : { status: 404, body: LINQ_ERRORS.notFound() };
      }
      case 'console.putLabel':
        return putLabel(request);
      case 'console.activity':
        return { status: 200, body: listActivity(activity, request.query, jobs) };
      // Bulk jobs, as the console server runs them (fake-jobs.ts).
      case 'console.listJobs':
        return jobs.list();
      case 'console.submitJob': {
        const body = jobSubmitSchema.safeParse(request.body);
        return body.success ? jobs.submit(body.data) : envelope(400, 1001, 'The job is not valid.');
      }
      case 'console.getJob': {
        const since = request.query.get('since');
        return jobs.get(request.id ?? '', since === null ? undefined : Number(since));
      }
      case 'console.stopJob':
        return jobs.control(request.id ?? '', 'stop');
      case 'console.resumeJob':
        return jobs.control(request.id ?? '', 'resume');
      case 'console.retryJob':
        return jobs.control(request.id ?? '', 'retry');
      case 'console.leaveJob':
        return jobs.control(request.id ?? '', 'leave');
      case 'console.undoJob':
        return jobs.control(request.id ?? '', 'undo');
    }
  };

  return {
    answer,
    setSession: (next: Session) => {
      session = next;
    },
    setActivity: (next: ActivityEntry[]) => {
      activity = next;
    },
    labels: () => [...labels.values()],
  };
}
