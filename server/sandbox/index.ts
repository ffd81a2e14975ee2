import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Subscription } from '../../src/features/subscriptions/api/schemas.ts';
import { BODY_LIMIT_BYTES, errorEnvelope, ERRORS, sendEnvelope } from '../errors.ts';
import { hostForUrl } from '../net.ts';
import { CATALOG_DOC_URL, CATALOG_EVENT_TYPES } from './event-types.ts';
import { newSigningSecret, seedState } from './seed.ts';
import { SandboxStore, type StoredSubscription } from './store.ts';
import { checkCreateBody, checkUpdateBody } from './validation.ts';

/**
 * The embedded Linq stand-in: the seven endpoints of CONTRACT.md under `/api/partner/v3`, the
 * Linq error envelope for every failure, one JSON file on disk. `npm run sandbox` serves it on
 * its own; `npm start` without a key runs it in-process behind the proxy.
 *
 * Undocumented answers follow the documented code families (1xxx request, 2xxx access and
 * resources, 3xxx server): 400/1001 validation, 405/2002 method, 409/2006 target_url in use,
 * 413/1003 body too large, 415/1004 not JSON.
 */

export const BASE_PATH = '/api/partner';
const COLLECTION = `${BASE_PATH}/v3/webhook-subscriptions`;

export interface Faults {
  /** Added to every API request, in milliseconds. */
  latency_ms: number;
  /** Share of API requests answered 500/3006, from 0 to 1. */
  failure_rate: number;
}

export interface SandboxOptions {
  dataFile: string;
  apiKey: string;
  latencyMs?: number;
  failureRate?: number;
  /** Seed this many generated subscriptions on first start instead of the demo set. */
  seedCount?: number | undefined;
  logger?: FastifyServerOptions['logger'];
}

/** The wire shape: everything but the secret. */
function toWire(stored: StoredSubscription): Subscription {
  const { signing_secret: _secret, ...subscription } = stored;
  return subscription;
}

function isAuthorized(header: string | undefined, apiKey: string): boolean {
  if (header === undefined) return false;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1] === apiKey;
}

/** Known paths and the methods they take, for 405 answers. */
function allowedMethods(path: string): string | undefined {
  if (path === COLLECTION) return 'GET, POST';
  if (path.startsWith(`${COLLECTION}/`) && !path.slice(COLLECTION.length + 1).includes('/')) return 'GET, PUT, DELETE';
  if (path === `${BASE_PATH}/v3/webhook-events` || path === `${BASE_PATH}/v3/phone_numbers`) return 'GET';
  if (path === `${BASE_PATH}/__sandbox/faults`) return 'GET, PUT';
  return undefined;
}

export async function buildSandboxApp(
  options: SandboxOptions,
): Promise<{ app: FastifyInstance; store: SandboxStore; faults: Faults }> {
  const store = await SandboxStore.open(options.dataFile, () => seedState(options.seedCount));
  const faults: Faults = { latency_ms: options.latencyMs ?? 0, failure_rate: options.failureRate ?? 0 };
  let lastTimestamp = 0;
  /** Strictly increasing, so every change is visible in `updated_at` even within one millisecond. */
  const timestamp = (): string => {
    lastTimestamp = Math.max(Date.now(), lastTimestamp + 1);
    return new Date(lastTimestamp).toISOString();
  };
  for (const subscription of store.state.subscriptions) {
    lastTimestamp = Math.max(lastTimestamp, Date.parse(subscription.updated_at) || 0);
  }

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors: (_error, _request, reply) => {
      sendEnvelope(reply, ERRORS.badRequest('The request could not be read'));
    },
  });

  // Fastify parses text/plain by default; the API takes JSON only, so anything else is a 415.
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) return sendEnvelope(reply, ERRORS.payloadTooLarge());
    if (status === 415) return sendEnvelope(reply, ERRORS.unsupportedMediaType());
    if (status >= 400 && status < 500) {
      const empty = error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY';
      return sendEnvelope(
        reply,
        ERRORS.badRequest(empty ? 'The request body must be a JSON object' : 'The request body is not valid JSON'),
      );
    }
    request.log.error({ err: error }, 'sandbox error');
    return sendEnvelope(reply, ERRORS.internal());
  });

  app.setNotFoundHandler((request, reply) => {
    const path = (request.raw.url ?? '/').split('?', 1)[0] ?? '/';
    const allow = allowedMethods(path);
    if (allow) return sendEnvelope(reply.header('allow', allow), ERRORS.methodNotAllowed(allow));
    return sendEnvelope(reply, ERRORS.notFound());
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!isAuthorized(request.headers.authorization, options.apiKey)) return sendEnvelope(reply, ERRORS.unauthorized());
    const path = (request.raw.url ?? '/').split('?', 1)[0] ?? '/';
    if (!path.startsWith(`${BASE_PATH}/v3/`)) return;
    if (faults.latency_ms > 0) await new Promise((resolve) => setTimeout(resolve, faults.latency_ms));
    if (faults.failure_rate > 0 && Math.random() < faults.failure_rate) return sendEnvelope(reply, ERRORS.internal());
  });

  const find = (id: string): StoredSubscription | undefined =>
    store.state.subscriptions.find((entry) => entry.id === id);
  const urlInUse = (targetUrl: string, exceptId?: string): boolean =>
    store.state.subscriptions.some((entry) => entry.target_url === targetUrl && entry.id !== exceptId);
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
  const conflict = () => errorEnvelope(409, 2006, 'A webhook subscription with this target_url already exists');

  app.get(`${BASE_PATH}/v3/webhook-subscriptions`, async () => ({
    subscriptions: store.state.subscriptions.map(toWire),
  }));

  app.post(`${BASE_PATH}/v3/webhook-subscriptions`, async (request, reply) => {
    const checked = checkCreateBody(request.body);
    if (!checked.ok) return sendEnvelope(reply, checked.error);
    if (urlInUse(checked.value.target_url)) return sendEnvelope(reply, conflict());
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
    return reply.code(201).send({ ...toWire(created), signing_secret: created.signing_secret });
  });

  app.get<{ Params: { id: string } }>(`${COLLECTION}/:id`, async (request, reply) => {
    const found = find(request.params.id);
    return found ? toWire(found) : sendEnvelope(reply, ERRORS.notFound());
  });

  app.put<{ Params: { id: string } }>(`${COLLECTION}/:id`, async (request, reply) => {
    const found = find(request.params.id);
    if (!found) return sendEnvelope(reply, ERRORS.notFound());
    const checked = checkUpdateBody(request.body);
    if (!checked.ok) return sendEnvelope(reply, checked.error);
    const input = checked.value;
    if (input.target_url !== undefined && urlInUse(input.target_url, found.id)) return sendEnvelope(reply, conflict());
    if (Object.keys(input).length === 0) return toWire(found);
    // Replace, never mutate: a list answer being serialised keeps its own snapshot.
    const updated: StoredSubscription = { ...found, ...input, updated_at: timestamp() };
    await commit(store.state.subscriptions.map((entry) => (entry === found ? updated : entry)));
    return toWire(updated);
  });

  app.delete<{ Params: { id: string } }>(`${COLLECTION}/:id`, async (request, reply) => {
    const found = find(request.params.id);
    if (!found) return sendEnvelope(reply, ERRORS.notFound());
    await commit(store.state.subscriptions.filter((entry) => entry !== found));
    return reply.code(204).send();
  });

  app.get(`${BASE_PATH}/v3/webhook-events`, async () => ({
    events: [...CATALOG_EVENT_TYPES],
    doc_url: CATALOG_DOC_URL,
  }));

  app.get(`${BASE_PATH}/v3/phone_numbers`, async () => ({ phone_numbers: store.state.phone_numbers }));

  // Fault injection at run time (tests and demos); outside /v3, so it is never proxied.
  app.get(`${BASE_PATH}/__sandbox/faults`, async () => faults);
  app.put(`${BASE_PATH}/__sandbox/faults`, async (request, reply) => {
    const body = request.body as Partial<Record<keyof Faults, unknown>> | null;
    const latency = body?.latency_ms ?? 0;
    const rate = body?.failure_rate ?? 0;
    if (typeof latency !== 'number' || !Number.isInteger(latency) || latency < 0 || latency > 60_000) {
      return sendEnvelope(reply, ERRORS.badRequest('latency_ms must be an integer from 0 to 60000'));
    }
    if (typeof rate !== 'number' || rate < 0 || rate > 1)
      return sendEnvelope(reply, ERRORS.badRequest('failure_rate must be a number from 0 to 1'));
    faults.latency_ms = latency;
    faults.failure_rate = rate;
    return faults;
  });

  return { app, store, faults };
}

export interface StartSandboxOptions extends SandboxOptions {
  host?: string;
  port?: number;
}

export interface RunningSandbox {
  /** The base URL clients use, e.g. http://127.0.0.1:4010/api/partner. */
  url: string;
  store: SandboxStore;
  faults: Faults;
  close(): Promise<void>;
}

export async function startSandbox(options: StartSandboxOptions): Promise<RunningSandbox> {
  const { app, store, faults } = await buildSandboxApp(options);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address() as AddressInfo;
  return {
    url: `http://${hostForUrl(host)}:${address.port}${BASE_PATH}`,
    store,
    faults,
    close: async () => {
      await app.close();
      // Whatever was acknowledged is on disk already; wait for a write still in flight.
      await store.flush();
    },
  };
}
