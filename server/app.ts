import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { UpstreamInfo } from '../contract/console.ts';
import { CONSOLE_ENDPOINTS, LINQ_ENDPOINTS, fillPath } from '../contract/endpoints.ts';
import { createAuth, type AuthConfig } from './auth/auth.ts';
import { registerDevPage } from './dev-page.ts';
import { ERRORS, sendEnvelope } from './errors.ts';
import { classification, isPageRoute } from './http/classify.ts';
import { guards } from './http/guards.ts';
import { boundHostPolicy, parseHostList } from './http/hosts.ts';
import { routedUrl } from './http/paths.ts';
import { setSecurityHeaders } from './http/security-headers.ts';
import { answerUnknownExpectations, serverOptions, type Deadlines } from './http-server.ts';
import { activityRoutes } from './journal/activity.ts';
import type { Database } from './journal/db.ts';
import { createRecorder } from './journal/recorder.ts';
import { createJobRunner } from './jobs/runner.ts';
import { jobRoutes } from './jobs/routes.ts';
import { jobSummaries } from './jobs/store.ts';
import { labelRoutes } from './labels.ts';
import { createLinq, proxyRoutes } from './proxy/proxy.ts';

/**
 * The console server: the key-carrying proxy on /v3 plus the page, either through Vite's dev
 * middleware (`dev`) or from the production bundle in dist/ (`serve`). Both modes share the
 * same guards and the same forwarding path.
 *
 * The entry is the only place that knows every room. Root plugins, each declaring the one it
 * needs before it: the request classification (http/classify.ts) → the guards (http/guards.ts)
 * → sign-in and roles (auth/). Then the rooms as encapsulated plugins, which know nothing of one
 * another: the proxy's route (proxy/), whose writes go through the journal's recorder (journal/)
 * by the hand-over of forwarding.ts; Activity; labels. Last the page.
 */

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export type ConsoleMode = 'dev' | 'serve';

export interface ConsoleAppOptions {
  mode: ConsoleMode;
  /** Shown in the page header; defaults to a Linq upstream at the base URL's origin. */
  upstream?: UpstreamInfo;
  /** Upstream base URL (LINQ_API_V3_BASE_URL, or the embedded sandbox's URL). */
  baseUrl: string;
  /** The upstream key (LINQ_API_V3_API_KEY, or the sandbox key). */
  apiKey: string;
  timeoutMs: number;
  /** HOST and PORT the console listens on; PORT 0 means "whatever port was bound". */
  host: string;
  port: number;
  /** LINQ_CONSOLE_ALLOWED_HOSTS, raw. */
  allowedHosts?: string | undefined;
  /** LINQ_CONSOLE_PUBLIC_URL: its host is accepted, and its origin (https too) for writes. */
  publicUrl?: string | undefined;
  /** The journal, labels and sessions (journal/db.ts): every forwarded write is recorded in it. */
  database: Database;
  /** Sign-in and roles (auth/auth.ts); none (the local operator) by default. */
  auth?: AuthConfig;
  /** `serve`: the built bundle (default dist/). */
  distDir?: string;
  /** `dev`: the Vite project root (default the repository). */
  viteRoot?: string;
  /** `dev`: files never served whatever their place (the sandbox data file, LINQ_SANDBOX_DATA). */
  privateFiles?: string[];
  logger?: FastifyServerOptions['logger'];
  /** Let the proxy log each forward (off by default; request lines log at info, below the default `warn`). */
  requestLogging?: boolean;
  /** Socket deadlines (tests shorten them); DEFAULT_DEADLINES otherwise. */
  deadlines?: Partial<Deadlines>;
}

export async function buildApp(options: ConsoleAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...serverOptions(options.deadlines),
    logger: options.logger ?? false,
    // X-Forwarded-* from a client means nothing here.
    trustProxy: false,
    // One spelling of every path the console answers itself, before routing (request-path.ts).
    rewriteUrl: (request) => routedUrl(request.url ?? '/'),
    // Keep answering (with envelopes) while closing; in-flight forwards finish.
    return503OnClosing: false,
    // Malformed URLs never reach a handler; answer them in the envelope, without echoing them.
    frameworkErrors: (_error, _request, reply) => {
      // Answered before the onRequest hook, which sets these on every other answer.
      setSecurityHeaders(reply.raw);
      sendEnvelope(reply, ERRORS.badTarget());
    },
  });
  answerUnknownExpectations(app.server);

  const extraHosts = parseHostList(options.allowedHosts);
  if (options.publicUrl) extraHosts.push(new URL(options.publicUrl).host.toLowerCase());
  const hostPolicy = boundHostPolicy(app, options.host, options.port, extraHosts);

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return sendEnvelope(reply, ERRORS.payloadTooLarge());
    if (status === 415) return sendEnvelope(reply, ERRORS.unsupportedMediaType());
    if (error.code === 'LINQ_INVALID_JSON') return sendEnvelope(reply, ERRORS.invalidJson());
    if (status >= 400 && status < 500) return sendEnvelope(reply, ERRORS.badRequest());
    request.log.error({ err: error }, 'console server error');
    return sendEnvelope(reply, ERRORS.internal());
  });

  const linq = createLinq({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs,
    requestLogging: options.requestLogging ?? false,
  });
  const auth = createAuth(options.auth ?? { mode: 'none' }, options.database);
  const journaled = createRecorder(options.database, app.log);

  await app.register(classification);
  await app.register(guards, { hostPolicy });
  await app.register(auth.plugin);
  await app.register(proxyRoutes, {
    linq,
    forwardWrite: (request, write, send) =>
      journaled({ ...write, headers: request.headers, actor: auth.actorOf(request) }, send),
  });
  // Bulk jobs run here, each write through the same journal and the same upstream (its one pace).
  const jobs = createJobRunner({
    database: options.database,
    log: app.log,
    readList: () => linq.send('GET', LINQ_ENDPOINTS.listSubscriptions.path, undefined),
    write: ({ method, subscriptionId, body, headers, actor }) =>
      journaled(
        {
          method,
          path: fillPath(LINQ_ENDPOINTS.updateSubscription.path, { id: subscriptionId }),
          body: body === null ? undefined : Buffer.from(JSON.stringify(body)),
          headers,
          actor,
        },
        linq.send,
      ),
  });
  await jobs.start();
  // Before the upstream and the database close: in-flight writes finish, the rest reads interrupted.
  app.addHook('onClose', async () => {
    await jobs.close();
    await linq.close();
  });
  await app.register(jobRoutes, { database: options.database, runner: jobs, actorOf: auth.actorOf });
  await app.register(activityRoutes, {
    database: options.database,
    jobSummaries: (ids) => jobSummaries(options.database.query, ids),
  });
  await app.register(labelRoutes, {
    database: options.database,
    actorOf: auth.actorOf,
    // A label belongs to a subscription Linq knows: asked of Linq, as the page's own read would be.
    findSubscription: (request, id) => linq.read(request, fillPath(LINQ_ENDPOINTS.getSubscription.path, { id })),
  });

  const upstreamInfo: UpstreamInfo = options.upstream ?? { kind: 'linq', origin: new URL(options.baseUrl).origin };
  app.get(CONSOLE_ENDPOINTS.upstream.path, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send(upstreamInfo),
  );

  if (options.mode === 'serve') {
    const distDir = resolve(options.distDir ?? resolve(projectRoot, 'dist'));
    const { default: fastifyStatic } = await import('@fastify/static');
    await app.register(fastifyStatic, { root: distDir, index: ['index.html'], dotfiles: 'ignore' });
    app.setNotFoundHandler((request, reply) => {
      // SPA fallback: a page route gets the app; a missing asset or API path does not.
      if (isPageRoute(request.method, request.raw.url ?? '/')) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html', distDir);
      }
      return sendEnvelope(reply, ERRORS.notFound());
    });
  } else {
    await registerDevPage(app, {
      root: options.viteRoot ?? projectRoot,
      hostNames: [options.host, ...extraHosts.map((entry) => entry.replace(/:\d+$/, ''))],
      privateFiles: options.privateFiles ?? [],
    });
  }

  return app;
}
