import { randomUUID } from 'node:crypto';
import { maxHeaderSize, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { LINQ_ENDPOINTS, matchPath, type LinqEndpointName } from '../../contract/endpoints.ts';
import { ERRORS, sendEnvelope } from '../errors.ts';
import { answerUnknownExpectations, serverOptions, type Deadlines } from '../http-server.ts';
import { allowedHosts, boundHostPolicy, refuseHost } from '../http/hosts.ts';
import { hostForUrl } from '../net.ts';
import { setSecurityHeaders } from '../http/security-headers.ts';
import { FAULTS_PATH, registerFaultRoutes } from './faults.ts';
import { LinqModel, type Faults } from './model/linq-model.ts';
import { sandboxHandlers, sendAnswer } from './routes.ts';
import { newSigningSecret, seedState } from './seed.ts';
import { SandboxStore } from './store.ts';

/**
 * The embedded Linq stand-in: the model of Linq (model/linq-model.ts) served under `/api/partner`,
 * the Linq error envelope for every failure (server/errors.ts), its state one JSON file on disk. `npm run
 * sandbox` serves it on its own; `npm start` without a key runs it in-process behind the proxy.
 */

export const BASE_PATH = '/api/partner';

export type { Faults };

export interface SandboxOptions {
  dataFile: string;
  /** Where it listens (default 127.0.0.1); also a Host name it answers to. */
  host?: string;
  apiKey: string;
  latencyMs?: number;
  failureRate?: number;
  /** API requests a second per key (LINQ_SANDBOX_RATE_LIMIT); 0 or absent is off. */
  rateLimit?: number;
  /** Seed this many generated subscriptions on first start instead of the demo set. */
  seedCount?: number | undefined;
  logger?: FastifyServerOptions['logger'];
  /** Socket deadlines (tests shorten them); DEFAULT_DEADLINES otherwise. */
  deadlines?: Partial<Deadlines>;
  /** Told of every request as it arrives, before any check: for tests that must see what reached Linq. */
  onRequest?: (request: { method: string; url: string; headers: IncomingHttpHeaders }) => void;
}

function isAuthorized(header: string | undefined, apiKey: string): boolean {
  if (header === undefined) return false;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1] === apiKey;
}

/** Path patterns with the methods each takes (for 405 answers), from the endpoint table. */
const ALLOWED_METHODS: readonly { pattern: string; allow: string[] }[] = [
  ...Object.values(LINQ_ENDPOINTS).map((endpoint) => ({
    pattern: `${BASE_PATH}${endpoint.path}`,
    method: endpoint.method,
  })),
  { pattern: `${BASE_PATH}${FAULTS_PATH}`, method: 'GET' },
  { pattern: `${BASE_PATH}${FAULTS_PATH}`, method: 'PUT' },
].reduce<{ pattern: string; allow: string[] }[]>((routes, { pattern, method }) => {
  const route = routes.find((entry) => entry.pattern === pattern);
  if (route) route.allow.push(method);
  else routes.push({ pattern, allow: [method] });
  return routes;
}, []);

function allowedMethods(path: string): string | undefined {
  return ALLOWED_METHODS.find((route) => matchPath(route.pattern, path) !== undefined)?.allow.join(', ');
}

/** `/v3/webhook-subscriptions/{id}` → Fastify's `/v3/webhook-subscriptions/:id`. */
const fastifyPath = (pattern: string) => pattern.replace(/\{(\w+)\}/g, ':$1');

export async function buildSandboxApp(
  options: SandboxOptions,
): Promise<{ app: FastifyInstance; store: SandboxStore; model: LinqModel; faults: Faults }> {
  const store = await SandboxStore.open(options.dataFile, () => seedState(options.seedCount));
  // The model holds the store's state itself, so what it changes is what the store writes.
  const model = new LinqModel({
    state: store.state,
    faults: {
      latency_ms: options.latencyMs ?? 0,
      failure_rate: options.failureRate ?? 0,
      rate_limit: options.rateLimit ?? 0,
    },
    newId: randomUUID,
    newSigningSecret,
  });
  const faults = model.faults;

  const app = Fastify({
    ...serverOptions(options.deadlines),
    // Any id that fits in a request line reaches its handler (404 when unknown), not Fastify's 400.
    routerOptions: { maxParamLength: maxHeaderSize },
    logger: options.logger ?? false,
    frameworkErrors: (_error, _request, reply) => {
      setSecurityHeaders(reply.raw);
      sendEnvelope(reply, ERRORS.badRequest());
    },
  });
  answerUnknownExpectations(app.server);

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
        empty ? ERRORS.badRequest('The request body must be a JSON object') : ERRORS.invalidJson(),
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

  const hostPolicy = boundHostPolicy(app, options.host ?? '127.0.0.1', 0, []);
  app.addHook('onRequest', async (request, reply) => {
    options.onRequest?.({ method: request.method, url: request.url, headers: request.headers });
    setSecurityHeaders(reply.raw);
    const refused = refuseHost(request, reply, allowedHosts(hostPolicy()), ERRORS.sandboxHostNotAllowed());
    if (refused) return refused;
    if (!isAuthorized(request.headers.authorization, options.apiKey)) return sendEnvelope(reply, ERRORS.unauthorized());
    const path = (request.raw.url ?? '/').split('?', 1)[0] ?? '/';
    if (!path.startsWith(`${BASE_PATH}/v3/`)) return;
    // Before anything else an API request costs: a 429 changes nothing. With a limit on, every
    // answer announces it (RateLimit-Policy), so a client can pace itself under it.
    reply.headers(model.apiHeaders());
    const limited = model.admit(options.apiKey);
    if (limited) return sendAnswer(reply, limited);
    if (faults.latency_ms > 0) await new Promise((resolve) => setTimeout(resolve, faults.latency_ms));
    const failed = model.injectedFailure(writeTarget(request.method, path.slice(BASE_PATH.length)));
    if (failed) return sendAnswer(reply, failed);
  });

  const handlers = sandboxHandlers(model, store);
  for (const [name, endpoint] of Object.entries(LINQ_ENDPOINTS)) {
    app.route({
      method: endpoint.method,
      url: `${BASE_PATH}${fastifyPath(endpoint.path)}`,
      handler: handlers[name as LinqEndpointName],
    });
  }
  registerFaultRoutes(app, BASE_PATH, faults, () => model.rateLimitedCount);

  return { app, store, model, faults };
}

/** The subscription a PUT or DELETE is for (the `failing_ids` fault), else undefined. */
function writeTarget(method: string, path: string): { id: string | undefined } | undefined {
  if (method !== 'PUT' && method !== 'DELETE') return undefined;
  const parameters = matchPath(LINQ_ENDPOINTS.updateSubscription.path, path);
  return parameters && { id: parameters.id && decodeURIComponent(parameters.id) };
}

export interface StartSandboxOptions extends SandboxOptions {
  port?: number;
}

export interface RunningSandbox {
  /** The base URL clients use, e.g. http://127.0.0.1:4010/api/partner. */
  url: string;
  store: SandboxStore;
  /** The model the sandbox serves (its state is the store's). */
  model: LinqModel;
  faults: Faults;
  close(): Promise<void>;
}

export async function startSandbox(options: StartSandboxOptions): Promise<RunningSandbox> {
  const { app, store, model, faults } = await buildSandboxApp(options);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address() as AddressInfo;
  return {
    url: `http://${hostForUrl(host)}:${address.port}${BASE_PATH}`,
    store,
    model,
    faults,
    close: async () => {
      await app.close();
      // Whatever was acknowledged is on disk already; wait for a write still in flight.
      await store.flush();
    },
  };
}
