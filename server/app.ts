import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { ERRORS, sendEnvelope } from './errors.ts';
import { answerUnknownExpectations, serverOptions, type Deadlines } from './http-server.ts';
import { boundHostPolicy, parseHostList } from './hosts.ts';
import { registerProxy } from './proxy/proxy.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { isApiPath, isConsolePath } from './proxy/target.ts';
import type { UpstreamInfo } from '../contract/console.ts';
import { CONSOLE_ENDPOINTS } from '../contract/endpoints.ts';

/**
 * The console server: the key-carrying proxy on /v3 plus the page, either through Vite's dev
 * middleware (`dev`) or from the production bundle in dist/ (`serve`). Both modes share the
 * same guards and the same forwarding path.
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
  /** `serve`: the built bundle (default dist/). */
  distDir?: string;
  /** `dev`: the Vite project root (default the repository). */
  viteRoot?: string;
  logger?: FastifyServerOptions['logger'];
  /** Let the proxy log each forward (off by default; request lines log at info, below the default `warn`). */
  requestLogging?: boolean;
  /** Socket deadlines (tests shorten them); DEFAULT_DEADLINES otherwise. */
  deadlines?: Partial<Deadlines>;
}

function hasFileExtension(rawUrl: string): boolean {
  const path = rawUrl.split(/[?#]/, 1)[0] ?? '';
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last.includes('.');
}

export async function buildApp(options: ConsoleAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...serverOptions(options.deadlines),
    logger: options.logger ?? false,
    // X-Forwarded-* from a client means nothing here.
    trustProxy: false,
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

  await registerProxy(app, {
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs,
    hostPolicy,
    requestLogging: options.requestLogging ?? false,
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
      const url = request.raw.url ?? '/';
      // SPA fallback: a page route (no extension) gets the app; a missing asset or API path does not.
      if ((request.method === 'GET' || request.method === 'HEAD') && !isApiPath(url) && !hasFileExtension(url)) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html', distDir);
      }
      return sendEnvelope(reply, ERRORS.notFound());
    });
  } else {
    app.setNotFoundHandler((_request, reply) => sendEnvelope(reply, ERRORS.notFound()));
    const { default: middie } = await import('@fastify/middie');
    const { createServer } = await import('vite');
    const vite = await createServer({
      root: options.viteRoot ?? projectRoot,
      appType: 'spa',
      server: {
        middlewareMode: true,
        hmr: { server: app.server },
        // The console's own Host check has already run; Vite's repeats it for the names it knows.
        allowedHosts: [options.host, ...extraHosts.map((entry) => entry.replace(/:\d+$/, ''))],
      },
    });
    app.addHook('onClose', async () => {
      await vite.close();
    });
    await app.register(middie);
    // Vite never sees API paths: its SPA fallback would answer them with the page.
    app.use((req, res, next) => {
      const url = req.url ?? '/';
      if (isApiPath(url) || isConsolePath(url)) next();
      else vite.middlewares(req, res, next);
    });
  }

  return app;
}
