import { planBulk, type BulkPlan } from '../../contract/bulk.ts';
import type { JobSubmit } from '../../contract/jobs.ts';
import { errorEnvelopeSchema, subscriptionListSchema } from '../../contract/schemas.ts';
import { ERRORS } from '../errors.ts';
import type { UpstreamResult } from '../forwarding.ts';
import { JobError } from './job-error.ts';
import type { StoredItem } from './store.ts';

/**
 * A job's items, planned on the server from Linq's list as it is now, by the page's rules
 * (contract/bulk.ts): the writes queued, the rest skipped with why.
 */

export async function planJob(readList: () => Promise<UpstreamResult>, submit: JobSubmit): Promise<StoredItem[]> {
  const list = await readList();
  if (list.kind === 'gone') throw new JobError(ERRORS.upstreamTimeout(0));
  if (list.kind === 'refused') throw new JobError(list.envelope);
  if (list.status !== 200) {
    // Linq's own refusal (a 429, a 500) is the answer, as a page's read of the list would get it.
    const envelope = errorEnvelopeSchema.safeParse(JSON.parse(list.body.toString('utf8') || 'null'));
    throw new JobError(
      envelope.success ? envelope.data : ERRORS.upstreamBadAnswer('Linq', `with status ${list.status} for the list`),
    );
  }
  const parsed = subscriptionListSchema.safeParse(JSON.parse(list.body.toString('utf8')));
  if (!parsed.success) throw new JobError(ERRORS.upstreamBadAnswer('Linq', 'with a list the console cannot read'));
  const byId = new Map(parsed.data.subscriptions.map((subscription) => [subscription.id, subscription]));
  const ids = [...new Set(submit.ids)];
  const found = ids.flatMap((id) => byId.get(id) ?? []);
  const urls = new Map(found.map((subscription) => [subscription.id, subscription.target_url]));
  return jobItems(
    planBulk(submit.action, found),
    ids.filter((id) => !byId.has(id)),
    urls,
  );
}

/** The plan as rows: its writes queued first, then what it skips (already as asked, refused, gone). */
function jobItems(plan: BulkPlan, missing: readonly string[], urls: ReadonlyMap<string, string>): StoredItem[] {
  let position = 0;
  const items: StoredItem[] = [];
  const add = (item: Omit<StoredItem, 'position'>) => items.push({ position: position++, ...item });
  const skipped = (id: string, message: string | null) =>
    add({
      subscription_id: id,
      target_url: urls.get(id) ?? '',
      body: null,
      undo: null,
      is_delete: false,
      state: 'skipped',
      message,
    });
  for (const write of plan.writes) {
    add({
      subscription_id: write.id,
      target_url: write.targetUrl,
      body: write.body ?? null,
      undo: write.undo ?? null,
      is_delete: write.body === undefined,
      state: 'queued',
      message: null,
    });
  }
  for (const id of plan.skipped) skipped(id, 'Already as asked.');
  for (const { id, reason } of plan.refused) skipped(id, reason);
  for (const id of missing) skipped(id, 'Linq no longer has it.');
  return items;
}

/** An undo's rows: each done write's undo as the write, and the write as its undo (deletes have none). */
export function undoItems(done: readonly StoredItem[]): StoredItem[] {
  return done
    .filter((item) => item.undo !== null)
    .map((item, position) => ({ ...item, position, body: item.undo, undo: item.body, state: 'queued', message: null }));
}
