import type { ActivityEntry } from '@contract/console';
import type { Catalog, CreatedSubscription, PhoneNumber, Subscription } from '@contract/schemas';
import { emptyTotals, type Job } from '@contract/jobs';

/** Wire objects for tests, valid by the contract's schemas; each test overrides what it is about. */

let sequence = 0;

export function makeSubscription(overrides: Partial<Subscription> = {}): Subscription {
  sequence += 1;
  const id = overrides.id ?? `sub-${sequence}`;
  return {
    id,
    target_url: `https://hooks.example.com/${id}`,
    subscribed_events: ['message.sent'],
    phone_numbers: null,
    is_active: true,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A valid Standard Webhooks secret (32 bytes), the one every test subscription keeps. */
export const TEST_SIGNING_SECRET = 'whsec_dGVzdC1zaWduaW5nLXNlY3JldC1vZi0zMi1ieXRlcyE=';

export function makeCreated(overrides: Partial<CreatedSubscription> = {}): CreatedSubscription {
  return { ...makeSubscription(overrides), signing_secret: TEST_SIGNING_SECRET, ...overrides };
}

export const CATALOG_EVENTS = ['message.sent', 'message.received', 'message.edited', 'reaction.added'];

export function makeCatalog(events: readonly string[] = CATALOG_EVENTS): Catalog {
  return { events: [...events], doc_url: 'https://apidocs.linqapp.com/documentation/webhook-events' };
}

export function makePhoneNumber(phone_number: string, id = `line-${phone_number}`): PhoneNumber {
  return { id, phone_number };
}

let entrySequence = 0;

/** A journal entry of an update by alice, ok, unless overridden. */
export function makeActivityEntry(overrides: Partial<ActivityEntry> = {}): ActivityEntry {
  entrySequence += 1;
  const before = makeSubscription({ id: 'sub-1', target_url: 'https://hooks.example.com/sub-1' });
  return {
    id: `entry-${entrySequence}`,
    at: '2026-12-01T10:00:00.000Z',
    actor: 'alice@example.com',
    action: 'update',
    subscription_id: before.id,
    target_url: before.target_url,
    request: { is_active: false },
    before,
    after: { ...before, is_active: false, updated_at: '2026-12-01T10:00:00.000Z' },
    outcome: 'ok',
    status: 200,
    error: null,
    batch: null,
    restore_of: null,
    ...overrides,
  };
}

export function makeJob(overrides: Partial<Job> = {}): Job {
  return {
    id: 'job-1',
    label: 'Turn off 1,666 subscriptions to in.umbrella.org',
    kind: 'action',
    action: { kind: 'turn-off' },
    status: 'running',
    created_by: 'local',
    created_at: '2026-12-07T10:00:00.000Z',
    updated_at: '2026-12-07T10:00:00.000Z',
    undo_of: null,
    undoable: false,
    totals: emptyTotals(),
    ...overrides,
  };
}
