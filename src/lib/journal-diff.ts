import type { ActivityEntry, Label } from '@contract/console';
import type { Subscription } from '@contract/schemas';

/**
 * What a journal entry changed, in the words of the Activity view and the drawer's History:
 * event types and phone numbers added and removed, the URL before and after, on or off, and a
 * label's name and note. Pure, so the same diff reads the same everywhere.
 */

export type Change =
  | { kind: 'active'; before: boolean; after: boolean }
  | { kind: 'url'; before: string; after: string }
  | { kind: 'events'; added: string[]; removed: string[] }
  | { kind: 'phones'; added: string[]; removed: string[]; filter: 'set' | 'cleared' | 'changed' }
  | { kind: 'label'; field: 'name' | 'note'; before: string; after: string };

const isSubscription = (value: unknown): value is Subscription =>
  typeof value === 'object' && value !== null && 'subscribed_events' in value;
const isLabel = (value: unknown): value is Label => typeof value === 'object' && value !== null && 'note' in value;

function setDiff(before: readonly string[], after: readonly string[]) {
  const was = new Set(before);
  const now = new Set(after);
  return { added: after.filter((entry) => !was.has(entry)), removed: before.filter((entry) => !now.has(entry)) };
}

/** The differences between two versions of a subscription, in a fixed order. */
export function subscriptionChanges(before: Subscription, after: Subscription): Change[] {
  const changes: Change[] = [];
  if (before.is_active !== after.is_active)
    changes.push({ kind: 'active', before: before.is_active, after: after.is_active });
  if (before.target_url !== after.target_url)
    changes.push({ kind: 'url', before: before.target_url, after: after.target_url });
  const events = setDiff(before.subscribed_events, after.subscribed_events);
  if (events.added.length > 0 || events.removed.length > 0) changes.push({ kind: 'events', ...events });
  const phonesBefore = before.phone_numbers ?? [];
  const phonesAfter = after.phone_numbers ?? [];
  const phones = setDiff(phonesBefore, phonesAfter);
  if (phones.added.length > 0 || phones.removed.length > 0) {
    const filter = phonesBefore.length === 0 ? 'set' : phonesAfter.length === 0 ? 'cleared' : 'changed';
    changes.push({ kind: 'phones', ...phones, filter });
  }
  return changes;
}

function labelChanges(before: Label | null, after: Label | null): Change[] {
  const changes: Change[] = [];
  for (const field of ['name', 'note'] as const) {
    const was = before?.[field] ?? '';
    const now = after?.[field] ?? '';
    if (was !== now) changes.push({ kind: 'label', field, before: was, after: now });
  }
  return changes;
}

/** What an entry changed; a create or a delete lists the whole subscription as added or removed. */
export function entryChanges(entry: ActivityEntry): Change[] {
  if (entry.action === 'label') {
    return labelChanges(isLabel(entry.before) ? entry.before : null, isLabel(entry.after) ? entry.after : null);
  }
  const before = isSubscription(entry.before) ? entry.before : undefined;
  const after = isSubscription(entry.after) ? entry.after : undefined;
  if (before && after) return subscriptionChanges(before, after);
  const only = after ?? before;
  if (!only) return [];
  const events = only.subscribed_events;
  const phones = only.phone_numbers ?? [];
  return [
    { kind: 'events', added: after ? events : [], removed: after ? [] : events },
    ...(phones.length > 0
      ? [{ kind: 'phones' as const, added: after ? phones : [], removed: after ? [] : phones, filter: 'set' as const }]
      : []),
  ];
}

const VERBS: Record<ActivityEntry['action'], string> = {
  create: 'created',
  update: 'changed',
  delete: 'deleted',
  restore: 'restored an earlier version of',
  label: 'labelled',
};

/** "turned off", "changed", "created"…: the verb of an entry, for "alice@x.com turned off …". */
export function entryVerb(entry: ActivityEntry): string {
  if (entry.action === 'update') {
    const changes = entryChanges(entry);
    const only = changes.length === 1 ? changes[0] : undefined;
    if (only?.kind === 'active') return only.after ? 'turned on' : 'turned off';
  }
  return VERBS[entry.action];
}

/** The version an entry left the subscription in (what "Restore this version" writes back), if any. */
/** The subscription as it was before an entry's change (an update's or restore's `before`), if the journal read it. */
export function versionBefore(entry: ActivityEntry): Subscription | undefined {
  if (entry.action !== 'update' && entry.action !== 'restore') return undefined;
  return isSubscription(entry.before) ? entry.before : undefined;
}

export function versionAfter(entry: ActivityEntry): Subscription | undefined {
  if (entry.outcome !== 'ok' || entry.action === 'delete' || entry.action === 'label') return undefined;
  return isSubscription(entry.after) ? entry.after : undefined;
}
