import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleAppOptions } from './app.ts';
import { prepareTestDatabase, startTestConsole } from './test-http.ts';

prepareTestDatabase();

/**
 * What the page is served with, in both modes: in dev (Vite's middleware) nothing but what the
 * page needs and no CORS for any origin; in both, a Content-Security-Policy restricting scripts,
 * connections and objects to the console's own origin.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'whsec_page-test-secret';
const FOREIGN = 'http://localhost:3000';
const cleanups: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: Partial<ConsoleAppOptions>): Promise<string> {
  const started = await startTestConsole(options);
  cleanups.push(() => started.close());
  return started.url;
}

interface Fetched {
  status: number;
  headers: Headers;
  text: string;
}

async function get(base: string, path: string, init: RequestInit = {}): Promise<Fetched> {
  const response = await fetch(`${base}${path}`, { redirect: 'manual', ...init });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A 404 envelope, or for a path without an extension the app's own page (the SPA fallback), never the file. */
function expectNotServed(answer: Fetched, path: string): void {
  expect(answer.headers.get('access-control-allow-origin'), path).toBeNull();
  expect(answer.text, path).not.toContain(SECRET);
  // What the files asked for hold (the page itself holds none of these).
  expect(answer.text, path).not.toMatch(
    /root:x:0:0|"name"|"lockfileVersion"|Fastify|LINQ_|defineConfig|compilerOptions|node_modules\//,
  );
  if (answer.status === 200) {
    expect(answer.headers.get('content-type'), path).toMatch(/^text\/html/);
    expect(answer.text, path).toMatch(/<body>/);
    return;
  }
  expect(answer.status, path).toBe(404);
  expect(answer.headers.get('content-type'), path).toMatch(/^application\/json/);
  expect(JSON.parse(answer.text), path).toEqual({
    error: { status: 404, code: 2001, message: 'Resource not found' },
    success: false,
  });
}

function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => [part.split(' ', 1)[0] ?? '', part.slice(part.indexOf(' ') + 1)]),
  );
}

const RESTRICTED = {
  'default-src': "'self'",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'frame-ancestors': "'none'",
  'form-action': "'self'",
  'style-src': "'self' 'unsafe-inline'",
};

describe('dev mode, on the project itself', () => {
  let base: string;
  let dataFile: string;

  beforeAll(async () => {
    // A sandbox data file where `npm start` keeps it by default.
    await mkdir(join(ROOT, '.data'), { recursive: true });
    dataFile = join(ROOT, '.data', `page-test-${process.pid}.json`);
    await writeFile(dataFile, JSON.stringify({ signing_secret: SECRET }));
    cleanups.push(() => rm(dataFile, { force: true }));
    base = await start({ mode: 'dev', privateFiles: [dataFile] });
  }, 60_000);

  it('serves nothing outside what the page needs, with or without an Origin', async () => {
    const paths = [
      `/.data/page-test-${process.pid}.json`,
      '/package.json',
      '/package-lock.json',
      '/server/app.ts',
      '/server/env.ts?raw',
      '/server/app.ts?import',
      '/server/sandbox/seed.ts?url',
      '/README.md',
      '/.gitignore',
      '/.git',
      '/.env',
      '/.env.local',
      '/tsconfig.json',
      '/vite.config.ts',
      '/index.html?raw',
      '/node_modules/.package-lock.json',
      '/node_modules/fastify/package.json',
      `/@fs${ROOT}package.json`,
      `/@fs${ROOT}server/app.ts`,
      `/@fs${ROOT}node_modules/fastify/package.json`,
      '/@fs/etc/passwd',
      '/__open-in-editor?file=server/app.ts',
    ];
    for (const path of paths) {
      for (const headers of [{}, { origin: FOREIGN }] as Record<string, string>[]) {
        expectNotServed(await get(base, path, { headers }), path);
      }
    }
  });

  it('serves what the page needs, with no CORS allowance for another origin', async () => {
    for (const path of [
      '/',
      '/src/app/main.tsx',
      '/contract/schemas.ts',
      '/@vite/client',
      '/@react-refresh',
      '/favicon.svg',
    ]) {
      const answer = await get(base, path, { headers: { origin: FOREIGN } });
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('access-control-allow-origin'), path).toBeNull();
    }
    const preflight = await get(base, '/src/app/main.tsx', {
      method: 'OPTIONS',
      headers: { origin: FOREIGN, 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.status).toBeGreaterThanOrEqual(400);
  });

  it('answers an unknown console path with a 404 envelope, never the page', async () => {
    const answer = await get(base, '/__console/nope');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it("gives the page a policy relaxed only by Vite's needs: its preamble by hash, its websocket", async () => {
    const page = await get(base, '/');
    const host = new URL(base).host;
    const csp = directives(page.headers.get('content-security-policy'));
    for (const [name, value] of Object.entries(RESTRICTED)) {
      if (name !== 'connect-src') expect(csp.get(name), name).toBe(value);
    }
    expect(csp.get('connect-src')).toBe(`'self' ws://${host}`);
    const inline = [...page.text.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map(
      (match) => match[1] ?? '',
    );
    expect(inline.length).toBeGreaterThan(0);
    const hashes = inline.map((script) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(csp.get('script-src')).toBe(["'self'", ...hashes].join(' '));
    expect(csp.get('script-src')).not.toContain('unsafe');
  });
});

describe('dev mode, with the sandbox data file inside public/', () => {
  let base: string;

  beforeAll(async () => {
    const root = await mkdtemp(join(tmpdir(), 'linq-page-test-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    const files: Record<string, string> = {
      'index.html':
        '<!doctype html><html><head></head><body><script type="module" src="/src/main.ts"></script></body></html>',
      'src/main.ts': 'document.title = "fixture";\n',
      'public/favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'public/sandbox.json': JSON.stringify({ signing_secret: SECRET }),
      'public/.sandbox.json.4242.1700000000000.tmp': JSON.stringify({ signing_secret: SECRET }),
      'server/secret.ts': `export const secret = '${SECRET}';\n`,
      '.env': `LINQ_API_V3_API_KEY=${SECRET}\n`,
      'package.json': '{"name":"fixture","type":"module"}\n',
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(root, path, '..'), { recursive: true });
      await writeFile(join(root, path), text);
    }
    base = await start({ mode: 'dev', viteRoot: root, privateFiles: [join(root, 'public/sandbox.json')] });
  }, 60_000);

  it('never serves the data file nor its temp files, while other public files are served', async () => {
    for (const path of [
      '/sandbox.json',
      '/.sandbox.json.4242.1700000000000.tmp',
      '/server/secret.ts',
      '/.env',
      '/package.json',
    ]) {
      expectNotServed(await get(base, path), path);
    }
    expect((await get(base, '/favicon.svg')).status).toBe(200);
    expect((await get(base, '/src/main.ts')).status).toBe(200);
  });
});

describe('serve mode', () => {
  let base: string;

  beforeAll(async () => {
    base = await start({ mode: 'serve' });
  });

  it('serves the page with scripts, connections and objects restricted to its own origin', async () => {
    for (const path of ['/', '/index.html', '/subscriptions/abc']) {
      const page = await get(base, path);
      expect(page.status, path).toBe(200);
      const csp = directives(page.headers.get('content-security-policy'));
      expect(Object.fromEntries(csp)).toEqual({ ...RESTRICTED, 'script-src': "'self'" });
    }
  });

  it('answers an unknown API or console path with a 404 envelope, never the page', async () => {
    for (const path of ['/__console/nope', '/__console/labels/x/y', '/__console', '/v3/nothing']) {
      const answer = await get(base, path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(JSON.parse(answer.text), path).toMatchObject({ success: false, error: { status: 404, code: 2001 } });
    }
  });

  it('answers API paths under a policy that allows nothing', async () => {
    for (const path of ['/__console/upstream', '/v3/nothing']) {
      const answer = await get(base, path);
      expect(answer.headers.get('content-security-policy'), path).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });
});
