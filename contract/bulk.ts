import type { Subscription, UpdateSubscriptionBody } from './schemas.ts';

/**
 * What a bulk action will write: one request per subscription that it changes, the ones already
 * as asked (skipped, never written again), the ones it must not change (refused, with the
 * reason), and for each write the value it replaces, so the batch can be undone. The page plans
 * to show the confirmation; the console server plans again from Linq's list when it runs the job
 * (server/jobs/), by these same rules.
 */

export type BulkAction =
  | { kind: 'turn-on' }
  | { kind: 'turn-off' }
  | { kind: 'add-events'; types: string[] }
  | { kind: 'remove-events'; types: string[] }
  | { kind: 'delete' };

export interface BulkWrite {
  id: string;
  targetUrl: string;
  /** The PUT body; undefined for a delete. */
  body: UpdateSubscriptionBody | undefined;
  /** The PUT that puts back what this write replaces; undefined for a delete (it cannot be undone). */
  undo: UpdateSubscriptionBody | undefined;
}

export interface BulkPlan {
  action: BulkAction;
  writes: BulkWrite[];
  /** Already as the action asks. */
  skipped: string[];
  /** Not changed, with why (removing every event type a subscription has would leave it invalid). */
  refused: { id: string; reason: string }[];
}

function planOne(action: BulkAction, subscription: Subscription): BulkWrite | 'skip' | string {
  const base = { id: subscription.id, targetUrl: subscription.target_url };
  const events = subscription.subscribed_events;
  switch (action.kind) {
    case 'turn-on':
    case 'turn-off': {
      const isActive = action.kind === 'turn-on';
      if (subscription.is_active === isActive) return 'skip';
      return { ...base, body: { is_active: isActive }, undo: { is_active: subscription.is_active } };
    }
    case 'add-events': {
      const missing = action.types.filter((type) => !events.includes(type));
      if (missing.length === 0) return 'skip';
      return {
        ...base,
        body: { subscribed_events: [...events, ...missing] },
        undo: { subscribed_events: [...events] },
      };
    }
    case 'remove-events': {
      const kept = events.filter((type) => !action.types.includes(type));
      if (kept.length === events.length) return 'skip';
      if (kept.length === 0) return 'It would be left with no event types; a subscription needs at least one.';
      return { ...base, body: { subscribed_events: kept }, undo: { subscribed_events: [...events] } };
    }
    case 'delete':
      return { ...base, body: undefined, undo: undefined };
  }
}

export function planBulk(action: BulkAction, subscriptions: readonly Subscription[]): BulkPlan {
  const plan: BulkPlan = { action, writes: [], skipped: [], refused: [] };
  for (const subscription of subscriptions) {
    const outcome = planOne(action, subscription);
    if (outcome === 'skip') plan.skipped.push(subscription.id);
    else if (typeof outcome === 'string') plan.refused.push({ id: subscription.id, reason: outcome });
    else plan.writes.push(outcome);
  }
  return plan;
}

/** The batch that puts back every value the finished writes replaced (deletes have none). */
export function planUndo(plan: BulkPlan, doneIds: ReadonlySet<string>): BulkWrite[] {
  return plan.writes
    .filter((write) => doneIds.has(write.id) && write.undo !== undefined)
    .map((write) => ({ id: write.id, targetUrl: write.targetUrl, body: write.undo, undo: write.body }));
}
