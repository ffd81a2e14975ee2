import { randomBytes, randomUUID } from 'node:crypto';
import { SIGNING_SECRET_PREFIX } from '../../contract/rules.ts';
import type { PhoneNumber } from '../../contract/schemas.ts';
import { CATALOG_EVENT_TYPES } from './model/event-types.ts';
import type { SandboxState, StoredSubscription } from './store.ts';

/** Standard Webhooks format (contract/rules.ts): `whsec_` + base64 of 32 random bytes. */
export function newSigningSecret(): string {
  return `${SIGNING_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The account's own lines, shaped like the SDK's `PhoneNumberListResponse.PhoneNumber`. */
export function seedPhoneNumbers(): PhoneNumber[] {
  const line = (id: string, phone_number: string, status: 'HEALTHY' | 'AT_RISK') => ({
    id,
    phone_number,
    forwarding_number: null,
    health_status: { status, doc_url: 'https://apidocs.linqapp.com/guides/phone-numbers/phone-reputation' },
    reputation: { status, doc_url: 'https://apidocs.linqapp.com/guides/phone-numbers/phone-reputation' },
  });
  return [
    line('0b6f4a52-5c1e-4f7e-9a43-1f2d3c4b5a61', '+14155550123', 'HEALTHY'),
    line('5d2c8e71-9b3a-4c6d-8e2f-7a1b0c9d8e72', '+12125550188', 'HEALTHY'),
    line('9e8d7c6b-5a49-4382-b1c0-d9e8f7a6b583', '+442079460123', 'AT_RISK'),
  ];
}

interface DemoRow {
  target_url: string;
  subscribed_events: string[];
  phone_numbers?: string[] | null;
  is_active: boolean;
  createdDaysAgo: number;
  updatedHoursAgo: number;
}

const MESSAGE_EVENTS = ['message.sent', 'message.received', 'message.read', 'message.delivered', 'message.failed'];

/** A small account that shows every state the console must handle. */
const DEMO: DemoRow[] = [
  {
    target_url: 'https://hooks.acme-support.com/linq/events?version=2026-02-03',
    subscribed_events: [...CATALOG_EVENT_TYPES],
    is_active: true,
    createdDaysAgo: 41,
    updatedHoursAgo: 2,
  },
  {
    target_url: 'https://api.northwind.io/webhooks/linq',
    subscribed_events: [...MESSAGE_EVENTS, 'reaction.added', 'reaction.removed'],
    phone_numbers: ['+14155550123'],
    is_active: true,
    createdDaysAgo: 30,
    updatedHoursAgo: 26,
  },
  {
    // Carries call.* types, which the catalog does not list (the real API's quirk).
    target_url: 'https://voice.contoso.dev/hooks/calls',
    subscribed_events: ['call.initiated', 'call.answered', 'call.ended', 'call.failed', 'phone_number.status_updated'],
    phone_numbers: ['+14155550123', '+12125550188'],
    is_active: true,
    createdDaysAgo: 21,
    updatedHoursAgo: 72,
  },
  {
    target_url: 'https://staging.globex.example/linq-webhook',
    subscribed_events: ['chat.created', 'participant.added', 'participant.removed', 'chat.group_name_updated'],
    phone_numbers: null,
    is_active: false,
    createdDaysAgo: 60,
    updatedHoursAgo: 24 * 9,
  },
  {
    // message.edited without ?version=2026-02-03: never delivered (the console warns).
    target_url: 'https://crm.initech.com/integrations/linq/inbound',
    subscribed_events: [
      'message.received',
      'message.edited',
      'chat.typing_indicator.started',
      'chat.typing_indicator.stopped',
    ],
    phone_numbers: ['+442079460123'],
    is_active: true,
    createdDaysAgo: 12,
    updatedHoursAgo: 5,
  },
  {
    target_url: 'https://alerts.umbrella.org/linq/delivery-failures',
    subscribed_events: ['message.failed', 'chat.group_name_update_failed', 'chat.group_icon_update_failed'],
    is_active: false,
    createdDaysAgo: 90,
    updatedHoursAgo: 24 * 30,
  },
  {
    target_url: 'https://hooks.zapier.example/hooks/catch/123456/abcdef',
    subscribed_events: ['message.received'],
    phone_numbers: [],
    is_active: true,
    createdDaysAgo: 3,
    updatedHoursAgo: 3 * 24,
  },
];

export function demoSubscriptions(now = Date.now()): StoredSubscription[] {
  return DEMO.map((row) => {
    const subscription: StoredSubscription = {
      id: randomUUID(),
      target_url: row.target_url,
      subscribed_events: row.subscribed_events,
      is_active: row.is_active,
      created_at: new Date(now - row.createdDaysAgo * DAY).toISOString(),
      updated_at: new Date(now - row.updatedHoursAgo * HOUR).toISOString(),
      signing_secret: newSigningSecret(),
    };
    if (row.phone_numbers !== undefined) subscription.phone_numbers = row.phone_numbers;
    return subscription;
  });
}

const HOSTS = [
  'hooks.acme.com',
  'api.northwind.io',
  'events.globex.example',
  'ops.initech.com',
  'in.umbrella.org',
  'webhooks.contoso.dev',
];
const PATHS = ['linq', 'webhooks/linq', 'integrations/linq/events', 'inbound', 'hooks/messages'];
const EVENT_SETS: string[][] = [
  [...CATALOG_EVENT_TYPES],
  MESSAGE_EVENTS,
  ['message.received', 'message.sent'],
  ['reaction.added', 'reaction.removed', 'message.received'],
  ['chat.created', 'participant.added', 'participant.removed'],
  ['call.initiated', 'call.ended'],
  ['phone_number.status_updated'],
];

/** `count` generated subscriptions for large-account tests; deterministic apart from ids and secrets. */
export function generatedSubscriptions(
  count: number,
  phoneNumbers: readonly string[],
  now = Date.now(),
): StoredSubscription[] {
  const subscriptions: StoredSubscription[] = [];
  // One secret reused: generating 10,000 random ones is wasted work for a seed.
  const secret = newSigningSecret();
  for (let index = 0; index < count; index += 1) {
    const host = HOSTS[index % HOSTS.length];
    const path = PATHS[Math.floor(index / HOSTS.length) % PATHS.length];
    const created = now - (count - index) * 7 * 60_000;
    const subscription: StoredSubscription = {
      id: randomUUID(),
      target_url: `https://${host}/${path}/${String(index + 1).padStart(5, '0')}`,
      subscribed_events: EVENT_SETS[index % EVENT_SETS.length] ?? MESSAGE_EVENTS,
      is_active: index % 4 !== 3,
      created_at: new Date(created).toISOString(),
      // Never after `now`: a future updated_at would also push every later write's stamp ahead.
      updated_at: new Date(Math.min(created + (index % 50) * 60_000, now)).toISOString(),
      signing_secret: secret,
    };
    if (index % 3 === 0) subscription.phone_numbers = [phoneNumbers[index % phoneNumbers.length] ?? '+14155550123'];
    subscriptions.push(subscription);
  }
  return subscriptions;
}

export function seedState(seedCount?: number): SandboxState {
  const phone_numbers = seedPhoneNumbers();
  const subscriptions =
    seedCount === undefined
      ? demoSubscriptions()
      : generatedSubscriptions(
          seedCount,
          phone_numbers.map((line) => line.phone_number),
        );
  return { version: 1, subscriptions, phone_numbers };
}
