import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ERRORS, sendEnvelope } from './errors.ts';
import { isPageRoute, isRead, requestKind } from './http/classify.ts';
import { devPageCsp } from './http/security-headers.ts';

/**
 * `npm start`: the page through Vite's dev middleware, exposing nothing the page does not need.
 * Vite's dev server would otherwise serve any file under the project root (the sandbox data file
 * with every signing secret, server/, package.json, .env…) to any localhost origin with CORS. So:
 * no CORS at all, Vite's own file access narrowed to the page's directories, and before Vite, a
 * list of the only paths it is asked for. Everything else is a 404 envelope.
 */

/** Vite's own file access: the directories the page is built from (its dependencies included). */
const PAGE_DIRECTORIES = ['src', 'contract', 'node_modules', 'public'];

/** What the browser may ask for: the page's sources, Vite's pre-bundled dependencies and its client. */
const SERVED_DIRECTORIES = ['src', 'contract', 'node_modules/.vite', 'node_modules/vite/dist/client'];

/** Vite's virtual modules: no file of the project behind them. */
const VITE_MODULES = ['/@vite/', '/@id/'];

export interface DevPageOptions {
  root: string;
  /** Host names Vite may also check (the console's own Host check runs first). */
  hostNames: string[];
  /** Files never served whatever their place, with the temp files written beside them (the sandbox data file). */
  privateFiles: string[];
}

function isUnder(file: string, directory: string): boolean {
  return file === directory || file.startsWith(`${directory}${sep}`);
}

/** The sha256 sources of the page's inline scripts (Vite's react-refresh preamble), for script-src. */
function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(match[1] ?? '')) continue;
    hashes.push(
      `'sha256-${createHash('sha256')
        .update(match[2] ?? '')
        .digest('base64')}'`,
    );
  }
  return hashes;
}

export async function registerDevPage(app: FastifyInstance, options: DevPageOptions): Promise<void> {
  const root = resolve(options.root);
  const served = SERVED_DIRECTORIES.map((directory) => join(root, directory));
  const publicDir = join(root, 'public');
  const privateFiles = options.privateFiles.map((file) => resolve(file));
  const isPrivate = (file: string) =>
    privateFiles.some(
      (secret) =>
        file === secret || (dirname(file) === dirname(secret) && basename(file).startsWith(`.${basename(secret)}.`)),
    );

  const servedPublicFile = (path: string): string | undefined => {
    const file = join(publicDir, path);
    try {
      return statSync(file).isFile() ? file : undefined;
    } catch {
      return undefined;
    }
  };
  /** The file a path names when Vite may serve it, for the private-file check; undefined when it may not. */
  const servedFile = (path: string): string | undefined => {
    if (path === '/@react-refresh' || VITE_MODULES.some((prefix) => path.startsWith(prefix))) return join(root, path);
    // Vite asks for some files by their absolute path (/@fs/…): held to the same directories.
    const file = path.startsWith('/@fs/') ? resolve(path.slice('/@fs'.length)) : join(root, path);
    if (served.some((directory) => isUnder(file, directory))) return file;
    return servedPublicFile(path);
  };

  const { createServer } = await import('vite');
  const vite = await createServer({
    root,
    // The console serves the page itself (below), with its policy: Vite serves modules only.
    appType: 'custom',
    server: {
      middlewareMode: true,
      hmr: { server: app.server },
      // Vite answers localhost origins with Access-Control-Allow-Origin by default.
      cors: false,
      allowedHosts: options.hostNames,
      // Vite's own check, beside the list below: no file outside the page's directories.
      fs: { strict: true, allow: PAGE_DIRECTORIES.map((directory) => join(root, directory)) },
    },
  });
  app.addHook('onClose', async () => {
    await vite.close();
  });

  const { default: middie } = await import('@fastify/middie');
  await app.register(middie);
  app.use((req, res, next) => {
    const url = req.url ?? '/';
    // Vite never sees API paths (the proxy's), nor anything that is not a read.
    const kind = requestKind(url, undefined);
    if ((kind !== 'page' && kind !== 'asset') || !isRead(req.method ?? '')) return next();
    // Vite's client pings the page's own URL before reloading.
    if (req.headers.accept === 'text/x-vite-ping') return vite.middlewares(req, res, next);
    // The guards have refused anything that is not a plain path, so one decode is the path.
    let path: string;
    try {
      path = decodeURIComponent(url.split(/[?#]/, 1)[0] ?? '/');
    } catch {
      return next();
    }
    const file = servedFile(path);
    if (file === undefined || isPrivate(file)) return next();
    vite.middlewares(req, res, next);
  });

  app.setNotFoundHandler(async (request, reply) => {
    const url = request.raw.url ?? '/';
    if (!isPageRoute(request.method, url)) return sendEnvelope(reply, ERRORS.notFound());
    const html = await vite.transformIndexHtml(url, await readFile(join(root, 'index.html'), 'utf8'));
    return reply
      .header('content-security-policy', devPageCsp(inlineScriptHashes(html), request.headers.host ?? ''))
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(html);
  });
}
