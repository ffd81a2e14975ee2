import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LINQ_ENDPOINTS, type LinqEndpointName } from '../../contract/endpoints.ts';
import type { Subscription } from '../../contract/schemas.ts';
import { ERRORS, sendEnvelope } from '../errors.ts';
import { CATALOG_DOC_URL, CATALOG_EVENT_TYPES } from './event-types.ts';
import { newSigningSecret } from './seed.ts';
import type { SandboxStore, StoredSubscription } from './store.ts';
import { checkCreateBody, checkUpdateBody } from './validation.ts';
import { targetUrlIdentity } from '../../contract/rules.ts';

/**
 * The sandbox's answer to each Linq endpoint of contract/endpoints.ts. The record is keyed by
 * the table's names, so an endpoint added there is a type error here until it has a handler.
 */

export type SandboxRequest = FastifyRequest<{ Params: Record<string, string> }>;
type Handler = (request: SandboxRequest, reply: FastifyReply) => Promise<unknown>;

/** The wire shape: everything but the secret. */
function toWire(stored: StoredSubscription): Subscription {
  const { signing_secret: _secret, ...subscription } = stored;
  return subscription;
}

export function sandboxHandlers(store: SandboxStore): Record<LinqEndpointName, Handler> {
  let lastTimestamp = 0;
  for (const subscription of store.state.subscriptions) {
    lastTimestamp = Math.max(lastTimestamp, Date.parse(subscription.updated_at) || 0);
  }
  /** Strictly increasing, so every change is visible in `updated_at` even within one millisecond. */
  const timestamp = (): string => {
    lastTimestamp = Math.max(Date.now(), lastTimestamp + 1);
    return new Date(lastTimestamp).toISOString();
  };

  const find = (id: string | undefined): StoredSubscription | undefined =>
    store.state.subscriptions.find((entry) => entry.id === id);
  // Stored subscriptions are replaced, never changed, so a key computed once stays right.
  const urlKeys = new WeakMap<StoredSubscription, string>();
  const keyOf = (entry: StoredSubscription): string => {
    let key = urlKeys.get(entry);
    if (key === undefined) urlKeys.set(entry, (key = targetUrlIdentity(entry.target_url)));
    return key;
  };
  const urlInUse = (targetUrl: string, exceptId?: string): boolean => {
    const key = targetUrlIdentity(targetUrl);
    return store.state.subscriptions.some((entry) => entry.id !== exceptId && keyOf(entry) === key);
  };
  /**
   * Replaces the list and waits until it is on disk. If the write fails, the change is undone in
   * memory too (unless a later change has replaced the list since), so a 500 means "not applied".
   */
  const commit = async (next: StoredSubscription[]): Promise<void> => {
    const before = store.state.subscriptions;
    store.state.subscriptions = next;
    try {
      await store.save();
    } catch (error) {
      if (store.state.subscriptions === next) store.state.subscriptions = before;
      throw error;
    }
  };

  return {
    listSubscriptions: async () => ({ subscriptions: store.state.subscriptions.map(toWire) }),

    createSubscription: async (request, reply) => {
      const checked = checkCreateBody(request.body);
      if (!checked.ok) return sendEnvelope(reply, checked.error);
      if (urlInUse(checked.value.target_url)) return sendEnvelope(reply, ERRORS.conflict());
      const now = timestamp();
      const created: StoredSubscription = {
        id: randomUUID(),
        target_url: checked.value.target_url,
        subscribed_events: checked.value.subscribed_events,
        phone_numbers: checked.value.phone_numbers,
        is_active: true,
        created_at: now,
        updated_at: now,
        signing_secret: newSigningSecret(),
      };
      await commit([...store.state.subscriptions, created]);
      return reply
        .code(LINQ_ENDPOINTS.createSubscription.status)
        .send({ ...toWire(created), signing_secret: created.signing_secret });
    },

    getSubscription: async (request, reply) => {
      const found = find(request.params.id);
      return found ? toWire(found) : sendEnvelope(reply, ERRORS.notFound());
    },

    updateSubscription: async (request, reply) => {
      const found = find(request.params.id);
      if (!found) return sendEnvelope(reply, ERRORS.notFound());
      const checked = checkUpdateBody(request.body);
      if (!checked.ok) return sendEnvelope(reply, checked.error);
      const input = checked.value;
      if (input.target_url !== undefined && urlInUse(input.target_url, found.id)) {
        return sendEnvelope(reply, ERRORS.conflict());
      }
      if (Object.keys(input).length === 0) return toWire(found);
      // Replace, never mutate: a list answer being serialised keeps its own snapshot.
      const updated: StoredSubscription = { ...found, ...input, updated_at: timestamp() };
      await commit(store.state.subscriptions.map((entry) => (entry === found ? updated : entry)));
      return toWire(updated);
    },

    deleteSubscription: async (request, reply) => {
      const found = find(request.params.id);
      if (!found) return sendEnvelope(reply, ERRORS.notFound());
      await commit(store.state.subscriptions.filter((entry) => entry !== found));
      return reply.code(LINQ_ENDPOINTS.deleteSubscription.status).send();
    },

    listEventTypes: async () => ({ events: [...CATALOG_EVENT_TYPES], doc_url: CATALOG_DOC_URL }),

    listPhoneNumbers: async () => ({ phone_numbers: store.state.phone_numbers }),
  };
}
