import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type ConsoleAppOptions } from '../app.ts';
import { LINQ_ERRORS } from '../../contract/errors.ts';
import { BODY_LIMIT_BYTES } from '../errors.ts';
import { UPSTREAM_CONNECTIONS } from './upstream.ts';
import {
  expectEnvelope,
  sendRaw as sendRawAnswer,
  prepareTestDatabase,
  sharedTestDatabase,
  type Answer,
} from '../test-http.ts';

prepareTestDatabase();

/**
 * The key-carrying proxy, end to end: a real console (serve mode) in front of a real fake
 * upstream (node:http) that records every request it receives. Nothing of the proxy is mocked.
 */

const API_KEY = 'test-secret-key-123';
const TIMEOUT_MS = 300;
const SUB_ID = '3f6c2a8e-1b7d-4c5e-9a0f-2d4b6c8e0a1b';
const INDEX_HTML =
  '<!doctype html><html><head><title>Linq Webhook Console</title></head><body><div id="root"></div></body></html>';

// ---------------------------------------------------------------------------------------------
// Fake upstream
// ---------------------------------------------------------------------------------------------

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

interface FakeUpstream {
  port: number;
  requests: Recorded[];
  handle: Handler;
  reset(): void;
  close(): Promise<void>;
}

const defaultHandler: Handler = (request, response) => {
  const body = JSON.stringify({ data: { path: request.url }, success: true });
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
};

function reply(status: number, body?: unknown, headers: Record<string, string | string[]> = {}): Handler {
  return (_request, response) => {
    if (body === undefined) {
      response.writeHead(status, headers);
      response.end();
      return;
    }
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
      ...headers,
    });
    response.end(text);
  };
}

/** An envelope Linq's own refusals (LINQ_ERRORS) do not hold: the proxy passes on whatever Linq says. */
function linqError(status: number, code: number, message: string) {
  return { error: { status, code, message }, success: false };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function startUpstream(): Promise<FakeUpstream> {
  const upstream: FakeUpstream = {
    port: 0,
    requests: [],
    handle: defaultHandler,
    reset() {
      upstream.requests.length = 0;
      upstream.handle = defaultHandler;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      upstream.requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      upstream.handle(request, response, body);
    });
  });
  upstream.port = await listen(server);
  return upstream;
}

// ---------------------------------------------------------------------------------------------
// Clients: node:http for exact request targets and headers, node:net for raw bytes
// ---------------------------------------------------------------------------------------------

/** Every answer any test received: each test's are checked for the key after it, all of them again at the end. */
const answers: Answer[] = [];
let checkedAnswers = 0;

function record(answer: Answer): Answer {
  answers.push(answer);
  return answer;
}

afterEach(() => {
  for (const answer of answers.slice(checkedAnswers)) expect(JSON.stringify(answer)).not.toContain(API_KEY);
  checkedAnswers = answers.length;
});

interface Send {
  method?: string;
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
}

function send(port: number, { method = 'GET', path, headers = {}, body }: Send): Promise<Answer> {
  // node:http sends a GET/DELETE body without Content-Length unless told, which the server would read as a second request.
  const framing =
    body === undefined || 'transfer-encoding' in headers ? {} : { 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { ...framing, ...headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve(
            record({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
          ),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Writes raw bytes, reads until the server closes, parses one HTTP/1.1 answer. */
const sendRaw = async (port: number, bytes: string): Promise<Answer> => record(await sendRawAnswer(port, bytes));

// ---------------------------------------------------------------------------------------------
// The console under test
// ---------------------------------------------------------------------------------------------

let distDir: string;

async function startConsole(
  baseUrl: string,
  extra: Partial<ConsoleAppOptions> = {},
): Promise<{ app: FastifyInstance; port: number }> {
  const app = await buildApp({
    mode: 'serve',
    distDir,
    baseUrl,
    apiKey: API_KEY,
    timeoutMs: TIMEOUT_MS,
    host: '127.0.0.1',
    port: 0,
    ...extra,
    database: extra.database ?? (await sharedTestDatabase()),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, port: (app.server.address() as AddressInfo).port };
}

let upstream: FakeUpstream;
let app: FastifyInstance;
let port: number;
let self: string;

beforeAll(async () => {
  distDir = await mkdtemp(join(tmpdir(), 'linq-console-proxy-test-'));
  await writeFile(join(distDir, 'index.html'), INDEX_HTML);
  upstream = await startUpstream();
  ({ app, port } = await startConsole(`http://127.0.0.1:${upstream.port}/api/partner`));
  self = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await app?.close();
  await upstream?.close();
  if (distDir) await rm(distDir, { recursive: true, force: true });
});

beforeEach(() => {
  upstream.reset();
});

/**
 * What was forwarded, without the change journal's read of a subscription just before its PUT or
 * DELETE (server/journal/recorder.ts): a GET of the same path right before the write.
 */
const forwarded = () =>
  upstream.requests.filter((seen, index, all) => {
    const next = all[index + 1];
    return !(
      seen.method === 'GET' &&
      next &&
      (next.method === 'PUT' || next.method === 'DELETE') &&
      next.url === seen.url
    );
  });

const get = (path: string, headers: Record<string, string> = {}) => send(port, { path, headers });

/** Runs `use` against a console of its own on the same upstream (one whose state must not carry over). */
async function onOwnConsole<T>(use: (port: number) => Promise<T>): Promise<T> {
  const own = await startConsole(`http://127.0.0.1:${upstream.port}/api/partner`);
  try {
    return await use(own.port);
  } finally {
    await own.app.close();
  }
}
const write = (method: string, path: string, body: string, headers: Record<string, string> = {}) =>
  send(port, { method, path, body, headers: { 'content-type': 'application/json', ...headers } });

// ---------------------------------------------------------------------------------------------
// 1. The seven endpoints
// ---------------------------------------------------------------------------------------------

describe('the seven endpoints reach the upstream with the key', () => {
  const body =
    '{ "target_url" : "https://hooks.example/linq",\n  "subscribed_events":["message.received"], "name":"é ☃ \\u00e9" }';

  it.each([
    ['GET', '/v3/webhook-subscriptions', undefined],
    ['POST', '/v3/webhook-subscriptions', body],
    ['GET', `/v3/webhook-subscriptions/${SUB_ID}`, undefined],
    ['PUT', `/v3/webhook-subscriptions/${SUB_ID}`, body],
    ['DELETE', `/v3/webhook-subscriptions/${SUB_ID}`, undefined],
    ['GET', '/v3/webhook-events', undefined],
    ['GET', '/v3/phone_numbers', undefined],
  ])('%s %s', async (method, path, requestBody) => {
    const answer =
      requestBody === undefined ? await send(port, { method, path }) : await write(method, path, requestBody);

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ data: { path: `/api/partner${path}` }, success: true });
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('no-store');

    // A PUT or DELETE is journaled: the subscription is read first, with the key and nothing else of the client's.
    const isJournaled = method === 'PUT' || method === 'DELETE';
    expect(upstream.requests).toHaveLength(isJournaled ? 2 : 1);
    // What the call cost at Linq.
    expect(answer.headers['x-console-upstream-requests']).toBe(isJournaled ? '2' : '1');
    if (isJournaled) {
      const read = upstream.requests[0];
      expect(read?.method).toBe('GET');
      expect(read?.url).toBe(`/api/partner${path}`);
      expect(read?.headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(read?.body).toBe('');
      expect(read?.headers['content-type']).toBeUndefined();
    }
    const [seen] = forwarded();
    expect(forwarded()).toHaveLength(1);
    expect(seen?.method).toBe(method);
    expect(seen?.url).toBe(`/api/partner${path}`);
    expect(seen?.headers.host).toBe(`127.0.0.1:${upstream.port}`);
    expect(seen?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    if (requestBody === undefined) {
      expect(seen?.body).toBe('');
    } else {
      expect(seen?.body).toBe(requestBody);
      expect(seen?.headers['content-type']).toBe('application/json');
      expect(seen?.headers['content-length']).toBe(String(Buffer.byteLength(requestBody)));
    }
  });

  it.each([
    [201, { data: { id: SUB_ID }, success: true }],
    [400, LINQ_ERRORS.phoneNumber()],
    [401, LINQ_ERRORS.unauthorized()],
    [403, LINQ_ERRORS.forbidden()],
    [404, LINQ_ERRORS.notFound()],
    [409, linqError(409, 2003, 'A subscription for this URL already exists')],
    [422, linqError(422, 1001, 'target_url must be https')],
    [500, LINQ_ERRORS.internal()],
  ])('passes an upstream %i and its body through unchanged', async (status, envelope) => {
    const text = JSON.stringify(envelope);
    upstream.handle = reply(status, text);
    const answer = await write('POST', '/v3/webhook-subscriptions', '{"target_url":"https://hooks.example/x"}');
    expect(answer.status).toBe(status);
    expect(answer.body).toBe(text);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(upstream.requests).toHaveLength(1);
  });

  it('passes a 204 through with no body', async () => {
    upstream.handle = reply(204);
    const answer = await send(port, { method: 'DELETE', path: `/v3/webhook-subscriptions/${SUB_ID}` });
    expect(answer.status).toBe(204);
    expect(answer.body).toBe('');
    expect(upstream.requests).toHaveLength(1);
  });

  it('does not retry: a 503 (with Retry-After) on a GET is answered as is, after one upstream request', async () => {
    upstream.handle = reply(503, linqError(503, 3005, 'Service unavailable'), { 'retry-after': '1' });
    const answer = await get('/v3/webhook-events');
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('1');
    expect(upstream.requests).toHaveLength(1);
  });

  it('passes a 429 with its rate-limit headers through', async () => {
    upstream.handle = reply(429, linqError(429, 1005, 'Too many requests'), {
      'retry-after': '7',
      'x-ratelimit-remaining': '0',
      'x-request-id': 'req-123',
    });
    // A console of its own: after a 429 a console holds every request back for the wait.
    const answer = await onOwnConsole((own) => send(own, { path: '/v3/phone_numbers' }));
    expect(answer.status).toBe(429);
    expect(answer.headers['retry-after']).toBe('7');
    expect(answer.headers['x-ratelimit-remaining']).toBe('0');
    expect(answer.headers['x-request-id']).toBe('req-123');
  });

  it('forwards a %-encoded id as its validated characters', async () => {
    const answer = await get('/v3/webhook-subscriptions/abc%2Ddef');
    expect(answer.status).toBe(200);
    expect(upstream.requests.map((r) => r.url)).toEqual(['/api/partner/v3/webhook-subscriptions/abc-def']);
  });

  it('sends a body of exactly 1 MiB on unchanged', async () => {
    const prefix = '{"pad":"';
    const suffix = '"}';
    const big = prefix + 'x'.repeat(BODY_LIMIT_BYTES - prefix.length - suffix.length) + suffix;
    expect(Buffer.byteLength(big)).toBe(BODY_LIMIT_BYTES);
    const answer = await write('POST', '/v3/webhook-subscriptions', big);
    expect(answer.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]?.body).toBe(big);
  });

  it('forwards a valid Idempotency-Key and Accept', async () => {
    await write('POST', '/v3/webhook-subscriptions', '{}', {
      'idempotency-key': 'key-abc-123',
      accept: 'application/json',
    });
    expect(upstream.requests[0]?.headers['idempotency-key']).toBe('key-abc-123');
    expect(upstream.requests[0]?.headers.accept).toBe('application/json');
  });

  it('sends GET and DELETE without a body, whatever the client attached', async () => {
    const answer = await send(port, {
      method: 'DELETE',
      path: `/v3/webhook-subscriptions/${SUB_ID}`,
      headers: { 'content-type': 'application/json' },
      body: '{"smuggled":true}',
    });
    expect(answer.status).toBe(200);
    expect(forwarded()).toHaveLength(1);
    expect(forwarded()[0]?.body).toBe('');
    expect(forwarded()[0]?.headers['content-type']).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Everything else under /v3 and /api
// ---------------------------------------------------------------------------------------------

describe('the upstream the page shows', () => {
  it('GET /__console/upstream answers the kind and origin, never the key, and reaches no upstream', async () => {
    const answer = await get('/__console/upstream');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ kind: 'linq', origin: `http://127.0.0.1:${upstream.port}` });
    expect(answer.body).not.toContain(API_KEY);
    expect(upstream.requests).toEqual([]);
  });

  it('is refused under a foreign Host like every other answer', async () => {
    expectEnvelope(await get('/__console/upstream', { host: 'evil.example' }), 403, 2005);
  });
});

describe('requests that are not one of the seven are answered here', () => {
  afterEach(() => {
    expect(upstream.requests).toEqual([]);
  });

  it.each([
    '/v3',
    '/v3/',
    '/v3/admin',
    '/v3/chats',
    '/v3/webhook-events/123',
    '/v3/webhook-subscriptions/a.b',
    '/v3/webhook-subscriptions/abc%2Fdef',
    '/v3/webhook-subscriptions%2Fabc',
    '/V3/webhook-events',
    '/api',
    '/api/partner/v3/webhook-events',
    '/v3/admin.json',
  ])('GET %s → 404 envelope 2001', async (path) => {
    expectEnvelope(await get(path), 404, 2001);
  });

  it.each([
    ['PATCH', '/v3/webhook-subscriptions', 'GET, POST'],
    ['DELETE', '/v3/webhook-subscriptions', 'GET, POST'],
    ['POST', `/v3/webhook-subscriptions/${SUB_ID}`, 'GET, PUT, DELETE'],
    ['PATCH', `/v3/webhook-subscriptions/${SUB_ID}`, 'GET, PUT, DELETE'],
    ['POST', '/v3/webhook-events', 'GET'],
    ['DELETE', '/v3/webhook-events', 'GET'],
    ['PUT', '/v3/phone_numbers', 'GET'],
  ])('%s %s → 405 with Allow: %s', async (method, path, allow) => {
    const answer = await send(port, { method, path, headers: { 'content-type': 'application/json' }, body: '{}' });
    expectEnvelope(answer, 405, 2002);
    expect(answer.headers.allow).toBe(allow);
  });

  it('HEAD on an endpoint → 405 with Allow, no body', async () => {
    const answer = await send(port, { method: 'HEAD', path: '/v3/webhook-events' });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET');
    expect(answer.body).toBe('');
  });

  it('an OPTIONS preflight is refused, with no CORS headers', async () => {
    const answer = await send(port, {
      method: 'OPTIONS',
      path: '/v3/webhook-subscriptions',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
    expectEnvelope(answer, 405, 2002);
    for (const name of Object.keys(answer.headers)) expect(name).not.toMatch(/^access-control-/);
  });
});

describe('query strings', () => {
  it('are dropped: the upstream sees the bare path', async () => {
    const answer = await get('/v3/webhook-events?limit=5&next=http://evil.example/&api_key=x');
    expect(answer.status).toBe(200);
    expect(upstream.requests.map((r) => r.url)).toEqual(['/api/partner/v3/webhook-events']);
  });

  it('cannot smuggle path tricks', async () => {
    const answer = await get('/v3/phone_numbers?x=/../../admin#frag');
    expect(answer.status).toBe(200);
    expect(upstream.requests.map((r) => r.url)).toEqual(['/api/partner/v3/phone_numbers']);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Path tricks never widen what is forwarded, nor where
// ---------------------------------------------------------------------------------------------

describe('path tricks', () => {
  let evil: FakeUpstream;

  beforeAll(async () => {
    evil = await startUpstream();
  });

  afterAll(async () => {
    await evil.close();
  });

  afterEach(() => {
    expect(upstream.requests).toEqual([]);
    expect(evil.requests).toEqual([]);
  });

  const tricks = (evilPort: () => number) => [
    () => `http://evil.example/v3/webhook-events`,
    () => `http://127.0.0.1:${evilPort()}/v3/webhook-events`,
    () => `https://127.0.0.1:${evilPort()}/v3/webhook-subscriptions`,
    () => `//evil.example/v3/webhook-events`,
    () => `//127.0.0.1:${evilPort()}/v3/webhook-events`,
    () => '/v3/webhook-subscriptions/../../admin',
    () => '/v3/webhook-subscriptions/../webhook-events',
    () => '/v3/./webhook-events',
    () => '/v3/webhook-subscriptions/..%2f..%2fadmin',
    () => '/v3/webhook-subscriptions/..%2F..%2Fadmin',
    () => '/v3/%2e%2e/admin',
    () => '/v3/webhook-subscriptions/%2E%2E',
    () => '/v3/%2f%2fevil.example/webhook-events',
    () => '/v3//webhook-events',
    () => '/v3\\webhook-events',
    () => '/v3/webhook-subscriptions/abc\\..\\..\\admin',
    () => '/v3/%5cwebhook-events',
    () => '/v3/%zz',
    () => '/v3/webhook-events%00',
    () => '/v3/webhook-events%0d%0aHost:%20evil.example',
    () => '/assets/../v3/webhook-events',
  ];

  it('each trick → 400 envelope, nothing sent anywhere', async () => {
    for (const trick of tricks(() => evil.port)) {
      const path = trick();
      for (const method of ['GET', 'POST', 'DELETE']) {
        const answer = await send(port, {
          method,
          path,
          headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
          body: method === 'POST' ? '{}' : undefined,
        });
        expect.soft(answer.status, `${method} ${path}`).toBe(400);
        expectEnvelope(answer, 400, 1001);
      }
    }
  });

  it('the same tricks as raw request lines → 400 envelope', async () => {
    for (const trick of tricks(() => evil.port)) {
      const path = trick();
      const answer = await sendRaw(
        port,
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
      );
      expect.soft(answer.status, path).toBe(400);
      expectEnvelope(answer, 400);
    }
  });

  it('asterisk-form and relative targets → 400 envelope', async () => {
    for (const line of [
      'OPTIONS * HTTP/1.1',
      'GET * HTTP/1.1',
      'GET v3/webhook-events HTTP/1.1',
      'GET evil.example:443 HTTP/1.1',
    ]) {
      const answer = await sendRaw(port, `${line}\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
      expectEnvelope(answer, 400, 1001);
    }
  });

  it('CONNECT is not a tunnel to anywhere', async () => {
    const received = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `CONNECT 127.0.0.1:${evil.port} HTTP/1.1\r\nHost: 127.0.0.1:${evil.port}\r\n\r\nGET /v3/webhook-events HTTP/1.1\r\nHost: x\r\n\r\n`,
        );
      });
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    });
    expect(received).not.toMatch(/^HTTP\/1\.1 2/);
    expect((await get('/v3/webhook-events')).status).toBe(200);
    upstream.requests.length = 0;
  });

  it('an absolute-form target naming the console itself is refused too', async () => {
    expectEnvelope(await get(`http://127.0.0.1:${port}/v3/webhook-events`), 400, 1001);
  });

  it('Host, X-Forwarded-Host and Forwarded cannot move the upstream', async () => {
    evil.reset();
    const answer = await get('/v3/webhook-events', {
      'x-forwarded-host': `127.0.0.1:${evil.port}`,
      'x-forwarded-proto': 'https',
      forwarded: `host=127.0.0.1:${evil.port}`,
      'x-original-url': '/v3/admin',
      'x-rewrite-url': '/v3/admin',
    });
    expect(answer.status).toBe(200);
    expect(evil.requests).toEqual([]);
    expect(upstream.requests.map((r) => [r.url, r.headers.host])).toEqual([
      ['/api/partner/v3/webhook-events', `127.0.0.1:${upstream.port}`],
    ]);
    upstream.requests.length = 0;
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Host header (DNS rebinding)
// ---------------------------------------------------------------------------------------------

describe('Host header', () => {
  afterEach(() => {
    expect(upstream.requests).toEqual([]);
  });

  it.each([
    'evil.example',
    'evil.example:PORT',
    '127.0.0.1',
    '127.0.0.1:1',
    'localhost.evil.example',
    'console.example:8443',
  ])('Host %s → 403 envelope 2005 on API paths and on the page', async (hostTemplate) => {
    const host = hostTemplate.replace('PORT', String(port));
    for (const path of [
      '/v3/webhook-events',
      `/v3/webhook-subscriptions/${SUB_ID}`,
      '/',
      '/index.html',
      '/subscriptions/x',
      '/v3/nowhere',
    ]) {
      expectEnvelope(await get(path, { host }), 403, 2005);
    }
    expectEnvelope(await write('POST', '/v3/webhook-subscriptions', '{}', { host }), 403, 2005);
  });

  it('a request without any Host is refused with an envelope', async () => {
    const answer = await sendRaw(port, 'GET /v3/webhook-events HTTP/1.0\r\n\r\n');
    expectEnvelope(answer, 403, 2005);
  });

  it('an HTTP/1.1 request without Host is refused with an envelope', async () => {
    expectEnvelope(await sendRaw(port, 'GET /v3/webhook-events HTTP/1.1\r\nConnection: close\r\n\r\n'), 403, 2005);
    expectEnvelope(await sendRaw(port, 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n'), 403, 2005);
  });

  it('a request with two Host headers is refused (400 envelope), whichever comes first', async () => {
    for (const [first, second] of [
      [`127.0.0.1:${port}`, 'evil.example'],
      ['evil.example', `127.0.0.1:${port}`],
      [`127.0.0.1:${port}`, `127.0.0.1:${port}`],
    ]) {
      for (const path of ['/v3/webhook-events', '/']) {
        const answer = await sendRaw(
          port,
          `GET ${path} HTTP/1.1\r\nHost: ${first}\r\nHost: ${second}\r\nConnection: close\r\n\r\n`,
        );
        expectEnvelope(answer, 400, 1001);
      }
    }
  });

  it('the loopback names on the bound port are the console', async () => {
    for (const host of [`localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`, `127.0.0.1:${port}`]) {
      const page = await get('/', { host });
      expect(page.status).toBe(200);
      expect(page.body).toBe(INDEX_HTML);
      const api = await get('/v3/phone_numbers', { host });
      expect(api.status).toBe(200);
    }
    expect(upstream.requests).toHaveLength(4);
    upstream.requests.length = 0;
  });

  describe('with allowedHosts: console.example:8443', () => {
    let tunnelled: { app: FastifyInstance; port: number };

    beforeAll(async () => {
      tunnelled = await startConsole(`http://127.0.0.1:${upstream.port}/api/partner`, {
        allowedHosts: 'console.example:8443',
      });
    });

    afterAll(async () => {
      await tunnelled.app.close();
    });

    it('admits that Host, for the page and the API, and its https Origin for writes', async () => {
      const host = 'console.example:8443';
      const page = await send(tunnelled.port, { path: '/', headers: { host } });
      expect(page.status).toBe(200);
      expect(page.body).toBe(INDEX_HTML);

      const list = await send(tunnelled.port, { path: '/v3/webhook-subscriptions', headers: { host } });
      expect(list.status).toBe(200);

      const create = await send(tunnelled.port, {
        method: 'POST',
        path: '/v3/webhook-subscriptions',
        headers: {
          host,
          origin: 'https://console.example:8443',
          'sec-fetch-site': 'same-origin',
          'content-type': 'application/json',
        },
        body: '{"a":1}',
      });
      expect(create.status).toBe(200);
      expect(upstream.requests.map((r) => [r.method, r.url, r.headers.host])).toEqual([
        ['GET', '/api/partner/v3/webhook-subscriptions', `127.0.0.1:${upstream.port}`],
        ['POST', '/api/partner/v3/webhook-subscriptions', `127.0.0.1:${upstream.port}`],
      ]);
      upstream.requests.length = 0;
    });

    it('still refuses other hosts, and that name without its port', async () => {
      for (const host of ['evil.example', 'console.example', 'console.example:443', 'evil.console.example:8443']) {
        expectEnvelope(await send(tunnelled.port, { path: '/v3/webhook-events', headers: { host } }), 403, 2005);
        expectEnvelope(await send(tunnelled.port, { path: '/', headers: { host } }), 403, 2005);
      }
    });
  });
});

// ---------------------------------------------------------------------------------------------
// 5. CSRF
// ---------------------------------------------------------------------------------------------

describe('cross-site requests', () => {
  const writes: Array<[string, string, string | undefined]> = [
    ['POST', '/v3/webhook-subscriptions', '{"a":1}'],
    ['PUT', `/v3/webhook-subscriptions/${SUB_ID}`, '{"a":1}'],
    ['DELETE', `/v3/webhook-subscriptions/${SUB_ID}`, undefined],
  ];

  function attempt(method: string, path: string, body: string | undefined, headers: Record<string, string>) {
    return send(port, {
      method,
      path,
      body,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    });
  }

  it.each([
    [{ origin: 'https://evil.example' }],
    [{ origin: 'null' }],
    [{ origin: 'https://127.0.0.1:PORT' }],
    [{ origin: 'http://127.0.0.1:1' }],
    [{ 'sec-fetch-site': 'cross-site' }],
    [{ 'sec-fetch-site': 'same-site' }],
    [{ origin: 'SELF', 'sec-fetch-site': 'cross-site' }],
  ])('refuses writes with %j → 403 envelope 2005, nothing forwarded', async (template) => {
    const headers = Object.fromEntries(
      Object.entries(template).map(([name, value]) => [
        name,
        value.replace('PORT', String(port)).replace('SELF', self),
      ]),
    );
    for (const [method, path, body] of writes) {
      expectEnvelope(await attempt(method, path, body, headers), 403, 2005);
    }
    // Reads too: another site must not read the account's data through the console.
    expectEnvelope(await get('/v3/webhook-subscriptions', headers), 403, 2005);
    expect(upstream.requests).toEqual([]);
  });

  it("forwards writes from the console's own origin", async () => {
    for (const [method, path, body] of writes) {
      const answer = await attempt(method, path, body, { origin: self, 'sec-fetch-site': 'same-origin' });
      expect(answer.status).toBe(200);
    }
    expect(forwarded().map((r) => r.method)).toEqual(['POST', 'PUT', 'DELETE']);
  });

  it('forwards writes without Origin or Sec-Fetch-Site (curl, the SDK)', async () => {
    for (const [method, path, body] of writes) {
      const answer = await attempt(method, path, body, {});
      expect(answer.status).toBe(200);
    }
    expect(forwarded().map((r) => r.method)).toEqual(['POST', 'PUT', 'DELETE']);
  });
});

// ---------------------------------------------------------------------------------------------
// 6. Bodies
// ---------------------------------------------------------------------------------------------

describe('request bodies', () => {
  afterEach(() => {
    expect(upstream.requests).toEqual([]);
  });

  it.each([
    ['text/plain', '{"a":1}'],
    ['text/plain;charset=UTF-8', '{"a":1}'],
    ['application/x-www-form-urlencoded', 'a=1'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n'],
    ['application/merge-patch+json', '{"a":1}'],
  ])('POST and PUT with Content-Type %s → 415 envelope', async (contentType, body) => {
    expectEnvelope(await write('POST', '/v3/webhook-subscriptions', body, { 'content-type': contentType }), 415, 1004);
    expectEnvelope(
      await write('PUT', `/v3/webhook-subscriptions/${SUB_ID}`, body, { 'content-type': contentType }),
      415,
      1004,
    );
  });

  it('POST without any Content-Type → 415 envelope', async () => {
    expectEnvelope(await send(port, { method: 'POST', path: '/v3/webhook-subscriptions', body: '{"a":1}' }), 415, 1004);
  });

  it.each(['{"a":', 'not json', '{"a":1}}', "{'a':1}", ''])('invalid JSON %j → 400 envelope', async (body) => {
    expectEnvelope(await write('POST', '/v3/webhook-subscriptions', body), 400, 1001);
  });

  it('a body over 1 MiB → 413 envelope (Content-Length)', async () => {
    const big = `{"pad":"${'x'.repeat(BODY_LIMIT_BYTES)}"}`;
    expectEnvelope(await write('POST', '/v3/webhook-subscriptions', big), 413, 1003);
  });

  it('a body one byte over 1 MiB → 413 envelope', async () => {
    const prefix = '{"pad":"';
    const suffix = '"}';
    const big = prefix + 'x'.repeat(BODY_LIMIT_BYTES + 1 - prefix.length - suffix.length) + suffix;
    expectEnvelope(await write('PUT', `/v3/webhook-subscriptions/${SUB_ID}`, big), 413, 1003);
  });

  it('a body over 1 MiB → 413 envelope (chunked, no Content-Length)', async () => {
    const answer = await new Promise<Answer>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/v3/webhook-subscriptions',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve(
              record({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks).toString('utf8'),
              }),
            ),
          );
        },
      );
      // The server may close the connection as soon as it has answered.
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
      });
      const piece = 'x'.repeat(64 * 1024);
      req.write('{"pad":"');
      for (let i = 0; i < 18; i += 1) req.write(piece);
      req.end('"}');
    });
    expectEnvelope(answer, 413, 1003);
  });
});

// ---------------------------------------------------------------------------------------------
// 7. Header allowlists, both ways
// ---------------------------------------------------------------------------------------------

describe('headers', () => {
  const UPSTREAM_REQUEST_HEADERS = new Set([
    'host',
    'accept',
    'user-agent',
    'authorization',
    'content-type',
    'content-length',
    'idempotency-key',
    'connection',
  ]);

  it('the upstream sees only the allowlisted headers and only the proxy key', async () => {
    const answer = await write('POST', '/v3/webhook-subscriptions', '{"a":1}', {
      authorization: 'Bearer client-key',
      'proxy-authorization': 'Basic Y2xpZW50OmtleQ==',
      cookie: 'session=client-cookie',
      'x-forwarded-for': '203.0.113.9',
      'x-forwarded-host': 'evil.example',
      'x-real-ip': '203.0.113.9',
      forwarded: 'for=203.0.113.9',
      connection: 'keep-alive, x-hop-header',
      'x-hop-header': 'hop',
      'keep-alive': 'timeout=99',
      te: 'trailers',
      'x-api-key': 'client-api-key',
      'x-custom': 'custom',
      'user-agent': 'curl/8.0',
      referer: 'http://127.0.0.1/secret-page',
      'accept-encoding': 'gzip, br',
    });
    expect(answer.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
    const seen = upstream.requests[0]?.headers ?? {};
    for (const name of Object.keys(seen)) expect(UPSTREAM_REQUEST_HEADERS, name).toContain(name);
    expect(seen.authorization).toBe(`Bearer ${API_KEY}`);
    expect(seen['user-agent']).toBe('linq-webhook-console');
    expect(seen.connection ?? 'keep-alive').toBe('keep-alive');
    const raw = JSON.stringify(seen);
    for (const clientValue of [
      'client-key',
      'client-cookie',
      '203.0.113.9',
      'evil.example',
      'hop',
      'client-api-key',
      'custom',
      'curl',
      'secret-page',
      'gzip',
    ]) {
      expect(raw).not.toContain(clientValue);
    }
  });

  it('a second Authorization or an Idempotency-Key with junk is not forwarded', async () => {
    await send(port, {
      path: '/v3/webhook-events',
      headers: { authorization: ['Bearer client-one', 'Bearer client-two'], 'idempotency-key': 'has space' },
    });
    const seen = upstream.requests[0]?.headers ?? {};
    expect(seen.authorization).toBe(`Bearer ${API_KEY}`);
    expect(seen['idempotency-key']).toBeUndefined();
  });

  it('upstream set-cookie, server, location, CORS and other headers are not passed back', async () => {
    upstream.handle = reply(
      200,
      { data: [], success: true },
      {
        'set-cookie': ['linq_session=upstream-secret; HttpOnly', 'other=1'],
        server: 'upstream-banner/1.0',
        'x-powered-by': 'Express',
        location: 'https://evil.example/',
        'content-location': 'https://evil.example/x',
        'access-control-allow-origin': '*',
        'access-control-allow-credentials': 'true',
        'strict-transport-security': 'max-age=1',
        'www-authenticate': 'Bearer realm="linq"',
        'x-request-id': 'req-42',
        'x-ratelimit-limit': '100',
        'content-security-policy': 'default-src *',
        'x-frame-options': 'ALLOWALL',
        link: '<https://evil.example>; rel=preload',
        refresh: '0; url=https://evil.example',
        vary: 'Origin',
      },
    );
    const answer = await get('/v3/webhook-subscriptions', { origin: self });
    expect(answer.status).toBe(200);
    for (const name of [
      'set-cookie',
      'server',
      'x-powered-by',
      'location',
      'content-location',
      'access-control-allow-origin',
      'access-control-allow-credentials',
      'strict-transport-security',
      'www-authenticate',
      'link',
      'refresh',
    ]) {
      expect(answer.headers[name], name).toBeUndefined();
    }
    expect(answer.headers['x-request-id']).toBe('req-42');
    expect(answer.headers['x-ratelimit-limit']).toBe('100');
    // The console's own security headers win over the upstream's.
    expect(answer.headers['x-frame-options']).toBe('DENY');
    expect(answer.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(JSON.stringify(answer.headers)).not.toContain('upstream-secret');
  });

  it('no answer carries access-control-allow-origin or a Server banner', async () => {
    const seen = answers.filter((answer) => answer.status !== 0);
    expect(seen.length).toBeGreaterThan(20);
    for (const answer of seen) {
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
      expect(answer.headers.server).toBeUndefined();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 8. Upstream failures
// ---------------------------------------------------------------------------------------------

describe('upstream failures', () => {
  it('an upstream that never answers → 504 envelope 3004 within a bounded time', async () => {
    upstream.handle = () => {
      /* never answers */
    };
    const started = performance.now();
    const answer = await get('/v3/webhook-events');
    const elapsed = performance.now() - started;
    expectEnvelope(answer, 504, 3004);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 2000);
    expect(upstream.requests).toHaveLength(1);
  });

  it('a write to an upstream that never answers → 504, sent once', async () => {
    upstream.handle = () => {
      /* never answers */
    };
    expectEnvelope(await write('POST', '/v3/webhook-subscriptions', '{"a":1}'), 504, 3004);
    expect(upstream.requests).toHaveLength(1);
  });

  it('an upstream that drops the connection → 502 envelope 3002', async () => {
    upstream.handle = (request) => request.socket.destroy();
    const answer = await get('/v3/phone_numbers');
    expectEnvelope(answer, 502, 3002);
    expect(upstream.requests).toHaveLength(1);
  });

  it.each([301, 302, 303, 307, 308])(
    'an upstream %i redirect → 502 envelope, not followed, no Location',
    async (status) => {
      let followTarget = 0;
      upstream.handle = (request, response) => {
        if (request.url === '/followed') {
          followTarget += 1;
          response.end('{}');
          return;
        }
        response.writeHead(status, {
          location: `http://127.0.0.1:${upstream.port}/followed`,
          'set-cookie': 'redirect=1',
          'content-type': 'text/html',
        });
        response.end('<html>moved</html>');
      };
      const answer = await get('/v3/webhook-subscriptions');
      expectEnvelope(answer, 502, 3002);
      expect(answer.headers.location).toBeUndefined();
      expect(answer.headers['set-cookie']).toBeUndefined();
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(answer.body)));
      expect(followTarget).toBe(0);
      expect(upstream.requests).toHaveLength(1);
    },
  );

  it('an unreachable upstream (closed port) → 502 envelope 3002', async () => {
    const closed = createServer();
    const closedPort = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = await startConsole(`http://127.0.0.1:${closedPort}/api/partner`);
    try {
      expectEnvelope(await send(unreachable.port, { path: '/v3/webhook-events' }), 502, 3002);
      expectEnvelope(
        await send(unreachable.port, {
          method: 'POST',
          path: '/v3/webhook-subscriptions',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        }),
        502,
        3002,
      );
    } finally {
      await unreachable.app.close();
    }
  });

  it('the console keeps answering after a timeout', async () => {
    const answer = await get('/v3/webhook-events');
    expect(answer.status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------
// 8b. The time limit bounds the whole answer; a client that leaves takes its request with it
// ---------------------------------------------------------------------------------------------

async function timed<T>(promise: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await promise;
  return { value, ms: performance.now() - started };
}

/**
 * How late this process's timers ran, in total, while `work` ran (a 10 ms ticker adds up how
 * much later than due each tick came). The client and the console share this process: on a
 * machine busy with other test runs both are starved alike, and that time is not the proxy's.
 * The bug these tests guard against (queued requests waiting out each other's limits) leaves
 * the process idle, so no lag hides it.
 */
async function withLag<T>(work: () => Promise<T>): Promise<{ value: T; lagMs: number }> {
  let lagMs = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    lagMs += Math.max(0, now - last - 10);
    last = now;
  }, 10);
  try {
    const value = await work();
    return { value, lagMs };
  } finally {
    clearInterval(ticker);
  }
}

/** Resolves when the socket has closed (at once if it already has). */
function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    else socket.once('close', () => resolve());
  });
}

describe('the upstream time limit', () => {
  it('answers 100 concurrent requests to a hanging upstream with 504 within the limit + 1 s, queue included', async () => {
    const limited = await startConsole(`http://127.0.0.1:${upstream.port}/api/partner`, { timeoutMs: 2000 });
    try {
      upstream.handle = () => {
        /* never answers */
      };
      const { value: answers, lagMs } = await withLag(() =>
        Promise.all(Array.from({ length: 100 }, () => timed(send(limited.port, { path: '/v3/webhook-events' })))),
      );
      for (const { value } of answers) expectEnvelope(value, 504, 3004);
      expect(Math.max(...answers.map(({ ms }) => ms))).toBeLessThan(2000 + 1000 + lagMs);
    } finally {
      await limited.app.close();
    }
  });

  it('cuts off a body trickled one chunk at a time at the limit: 504, nothing of it sent', async () => {
    const limited = await startConsole(`http://127.0.0.1:${upstream.port}/api/partner`, { timeoutMs: 1000 });
    try {
      upstream.handle = (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('[');
        let sent = 0;
        const timer = setInterval(() => {
          sent += 1;
          if (sent === 12) {
            clearInterval(timer);
            response.end('0]');
          } else response.write('0,');
        }, 250);
        response.on('close', () => clearInterval(timer));
      };
      const {
        value: { value, ms },
        lagMs,
      } = await withLag(() => timed(send(limited.port, { path: '/v3/webhook-subscriptions' })));
      expectEnvelope(value, 504, 3004);
      expect(ms).toBeLessThan(1000 + 1000 + lagMs);
    } finally {
      await limited.app.close();
    }
  });

  it('sends nothing more upstream for clients that have gone, and aborts what is in flight', async () => {
    // A long limit: nothing here may end by timing out.
    const patient = await startConsole(`http://127.0.0.1:${upstream.port}/api/partner`, { timeoutMs: 30_000 });
    try {
      const held: ServerResponse[] = [];
      let allHeld: () => void = () => undefined;
      const filled = new Promise<void>((resolve) => (allHeld = resolve));
      upstream.handle = (_request, response) => {
        held.push(response);
        if (held.length === UPSTREAM_CONNECTIONS) allHeld();
      };
      // When the console has read all 200 requests, and when it has seen each client connection close.
      let read = 0;
      let allRead: () => void = () => undefined;
      const allInHand = new Promise<void>((resolve) => (allRead = resolve));
      patient.app.server.on('request', () => {
        read += 1;
        if (read === 200) allRead();
      });
      let closedClients = 0;
      let allClosed: () => void = () => undefined;
      const clientsGone = new Promise<void>((resolve) => (allClosed = resolve));
      patient.app.server.on('connection', (socket: Socket) =>
        socket.once('close', () => {
          closedClients += 1;
          if (closedClients === 200) allClosed();
        }),
      );

      const clients = Array.from({ length: 200 }, () => {
        const request = httpRequest({
          host: '127.0.0.1',
          port: patient.port,
          path: '/v3/webhook-events',
          agent: false,
        });
        request.on('error', () => undefined);
        request.end();
        return request;
      });
      // Clients that waited and then left: every request is in the console's hands (one more turn
      // of the event loop lets the last ones reach the proxy), every pooled connection holds one,
      // and the other 168 wait in the queue.
      await allInHand;
      await filled;
      await new Promise((resolve) => setImmediate(resolve));
      for (const request of clients) request.destroy();
      await clientsGone;

      // The upstream answers at last; a later request is queued behind anything still waiting.
      for (const response of held) if (!response.destroyed) reply(200, { events: [] })(response.req, response, '');
      upstream.handle = defaultHandler;
      expect((await send(patient.port, { path: '/v3/phone_numbers' })).status).toBe(200);
      const forwarded = upstream.requests.filter((seen) => seen.url.endsWith('/v3/webhook-events'));
      expect(forwarded).toHaveLength(UPSTREAM_CONNECTIONS);
      // The ones in flight were aborted: their upstream connections were closed, not answered.
      await Promise.all(held.map((response) => closed(response.socket ?? response.req.socket)));
    } finally {
      await patient.app.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 8c. Only JSON from upstream, and never the key, however the upstream misbehaves
// ---------------------------------------------------------------------------------------------

describe('what the upstream may answer', () => {
  it.each([
    ['text/html', 200, 'text/html; charset=utf-8', '<!doctype html><script>alert(1)</script>'],
    ['an HTML error page', 503, 'text/html', '<html><body>Bad gateway</body></html>'],
    ['no Content-Type', 200, undefined, '{"subscriptions":[]}'],
    ['text/plain', 400, 'text/plain', 'bad request'],
    ['JSON with another media type', 200, 'application/javascript', '{"a":1}'],
  ])('%s → 502 envelope, the body not passed on', async (_label, status, contentType, body) => {
    upstream.handle = (_request, response) => {
      response.writeHead(status, contentType ? { 'content-type': contentType } : {});
      response.end(body);
    };
    const answer = await get('/v3/webhook-subscriptions');
    expectEnvelope(answer, 502, 3002);
    expect(answer.body).not.toContain(body);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it('a compressed body it cannot look into → 502 envelope', async () => {
    upstream.handle = reply(200, '{"a":1}', { 'content-encoding': 'gzip' });
    expectEnvelope(await get('/v3/webhook-events'), 502, 3002);
  });

  it('a body of several MiB (a large account) passes unchanged', async () => {
    const text = JSON.stringify({
      subscriptions: Array.from({ length: 12_000 }, (_, i) => ({ id: `${i}`, pad: 'x'.repeat(300) })),
    });
    expect(Buffer.byteLength(text)).toBeGreaterThan(3 * 1024 * 1024);
    upstream.handle = reply(200, text);
    const answer = await get('/v3/webhook-subscriptions');
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(text);
    expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(text)));
  });

  it.each([
    ['with Content-Length', true],
    ['chunked', false],
  ])('a body %s beyond the 32 MiB cap → 502 envelope', async (_label, withLength) => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    upstream.handle = (_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        ...(withLength ? { 'content-length': String(33 * chunk.length) } : {}),
      });
      let sent = 0;
      const pump = () => {
        while (sent < 33 && !response.destroyed) {
          sent += 1;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      pump();
    };
    // Time enough to read 32 MiB on a busy machine: the cap, not the limit, must end it.
    const patient = await startConsole(`http://127.0.0.1:${upstream.port}/api/partner`, { timeoutMs: 30_000 });
    try {
      expectEnvelope(await send(patient.port, { path: '/v3/webhook-subscriptions' }), 502, 3002);
    } finally {
      await patient.app.close();
    }
  });

  it.each([600, 999])(
    'an upstream status %i → one 502 envelope at once, the upstream answer not read on',
    async (status) => {
      let upstreamSocket: Socket | undefined;
      upstream.handle = (request) => {
        upstreamSocket = request.socket;
        // Promises 100 bytes and sends two: only closing the connection ends this answer.
        request.socket.write(
          `HTTP/1.1 ${status} Odd\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{}`,
        );
      };
      const lines: string[] = [];
      const stream = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          lines.push(chunk.toString());
          callback();
        },
      });
      // A long limit: the answer must not end by timing out.
      const logged = await startConsole(`http://127.0.0.1:${upstream.port}/api/partner`, {
        timeoutMs: 30_000,
        logger: { level: 'warn', stream },
      });
      try {
        expectEnvelope(await send(logged.port, { path: '/v3/webhook-events' }), 502, 3002);
        expect(upstreamSocket).toBeDefined();
        if (upstreamSocket) await closed(upstreamSocket);
        expectEnvelope(await send(logged.port, { path: '/v3/webhook-events' }), 502, 3002);
      } finally {
        await logged.app.close();
      }
      expect(lines.join('')).not.toMatch(/already sent/i);
    },
  );
});

describe('the key echoed by the upstream', () => {
  it('is redacted from the body, the status kept', async () => {
    upstream.handle = reply(401, linqError(401, 2004, `Invalid token Bearer ${API_KEY}`));
    const answer = await get('/v3/webhook-subscriptions');
    expect(answer.status).toBe(401);
    expect(answer.body).not.toContain(API_KEY);
    expect(JSON.parse(answer.body)).toEqual(linqError(401, 2004, 'Invalid token Bearer [redacted]'));
    expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(answer.body)));
  });

  it('is redacted when it arrives split over chunks', async () => {
    const half = Math.floor(API_KEY.length / 2);
    upstream.handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write(`{"echo":"${API_KEY.slice(0, half)}`);
      setTimeout(() => response.end(`${API_KEY.slice(half)}","again":"${API_KEY}"}`), 50);
    };
    const answer = await get('/v3/webhook-events');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ echo: '[redacted]', again: '[redacted]' });
  });

  it('is redacted from the headers that are passed on', async () => {
    upstream.handle = reply(429, LINQ_ERRORS.rateLimited(1), {
      'x-request-id': `req-${API_KEY}`,
      'retry-after': '1',
    });
    const answer = await onOwnConsole((own) => send(own, { path: '/v3/webhook-events' }));
    expect(answer.status).toBe(429);
    expect(answer.headers['x-request-id']).toBe('req-[redacted]');
    expect(answer.headers['retry-after']).toBe('1');
  });

  it('is found in a large answer full of escapes, however deep, and only that string changes', async () => {
    // A `%` and a `\/` in every entry: the answer is read string by string, not passed on sight.
    const entries = Array.from({ length: 5_000 }, (_, i) => ({
      id: `${i}`,
      target_url: `https://h.example/a%20${i}`,
    }));
    // Every `/` written `\/`, as some servers write JSON.
    const plain = JSON.stringify({ subscriptions: entries }).replaceAll('/', '\\/');
    upstream.handle = reply(200, plain);
    const untouched = await get('/v3/webhook-subscriptions');
    expect(untouched.body).toBe(plain);

    const keyed = {
      subscriptions: entries.map((entry, i) =>
        i === 4_321 ? { ...entry, note: [{ deep: encodeURIComponent(API_KEY) }] } : entry,
      ),
    };
    upstream.handle = reply(200, JSON.stringify(keyed));
    const answer = await get('/v3/webhook-subscriptions');
    expect(answer.status).toBe(200);
    expect(answer.body).not.toContain(API_KEY);
    expect(answer.body).not.toContain(encodeURIComponent(API_KEY));
    const parsed = JSON.parse(answer.body) as typeof keyed;
    expect(parsed.subscriptions[4_321]).toEqual({ ...entries[4_321], note: [{ deep: '[redacted]' }] });
    expect(parsed.subscriptions[4_320]).toEqual(entries[4_320]);
  });

  it('is redacted in its JSON-escaped spelling too', async () => {
    const key = 'sk_"quoted\\back/slash';
    const keyed = await startConsole(`http://127.0.0.1:${upstream.port}/api/partner`, { apiKey: key });
    try {
      upstream.handle = (request, response) =>
        reply(401, linqError(401, 2004, `Invalid token ${request.headers.authorization}`))(request, response, '');
      const answer = await send(keyed.port, { path: '/v3/webhook-events' });
      expect(upstream.requests[0]?.headers.authorization).toBe(`Bearer ${key}`);
      expect(answer.status).toBe(401);
      expect(answer.body).not.toContain(key);
      expect(answer.body).not.toContain(JSON.stringify(key).slice(1, -1));
      expect(JSON.parse(answer.body)).toEqual(linqError(401, 2004, 'Invalid token Bearer [redacted]'));
    } finally {
      await keyed.app.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 8d. Requests the proxy used to refuse
// ---------------------------------------------------------------------------------------------

describe('a DELETE with Content-Type: application/json and no body', () => {
  it('is forwarded, without a body', async () => {
    const answer = await send(port, {
      method: 'DELETE',
      path: `/v3/webhook-subscriptions/${SUB_ID}`,
      headers: { 'content-type': 'application/json', 'content-length': '0' },
    });
    expect(answer.status).toBe(200);
    expect(forwarded()).toHaveLength(1);
    expect(forwarded()[0]?.method).toBe('DELETE');
    expect(forwarded()[0]?.body).toBe('');
  });
});

// ---------------------------------------------------------------------------------------------
// 10. The server stays up
// ---------------------------------------------------------------------------------------------

describe('garbage does not take the console down', () => {
  it.each([
    ['a malformed request line', 'GARBAGE\r\n\r\n'],
    ['binary noise', '\u0000\u0001\u0002\u00ff\r\n\r\n'],
    ['a request line with spaces in the target', 'GET /v3/webhook events HTTP/1.1\r\nHost: HOST\r\n\r\n'],
    ['an unknown HTTP version', 'GET /v3/webhook-events HTTP/9.9\r\nHost: HOST\r\n\r\n'],
    ['a header without a colon', 'GET /v3/webhook-events HTTP/1.1\r\nHost: HOST\r\nnot a header\r\n\r\n'],
    [
      'conflicting Content-Length and Transfer-Encoding',
      'POST /v3/webhook-subscriptions HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ],
  ])('%s → 400 envelope, then a normal GET answers 200', async (_label, raw) => {
    const answer = await sendRaw(port, raw.replaceAll('HOST', `127.0.0.1:${port}`));
    expectEnvelope(answer, 400);
    expect(upstream.requests).toEqual([]);
    expect((await get('/v3/webhook-events')).status).toBe(200);
  });

  it('headers over the size limit → 431 envelope, then a normal GET answers 200', async () => {
    const answer = await sendRaw(
      port,
      `GET /v3/webhook-events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`,
    );
    expectEnvelope(answer, 431);
    expect(upstream.requests).toEqual([]);
    expect((await get('/v3/webhook-events')).status).toBe(200);
  });

  it('invalid JSON, a huge body and a dropped client leave it answering', async () => {
    expectEnvelope(await write('POST', '/v3/webhook-subscriptions', '{{{'), 400, 1001);
    // A client that sends half a request and disappears.
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /v3/webhook-subscriptions HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`,
        );
        socket.destroy();
        resolve();
      });
    });
    expect(upstream.requests).toEqual([]);
    const answer = await get('/v3/webhook-events');
    expect(answer.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// 11. Error answers are envelopes, never HTML; the page is the page
// ---------------------------------------------------------------------------------------------

describe('error answers', () => {
  it('the page and SPA routes are HTML; missing assets and API paths are envelopes', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect((await get('/subscriptions/abc')).body).toBe(INDEX_HTML);
    expectEnvelope(await get('/assets/missing.js'), 404, 2001);
    expectEnvelope(await get('/v3/missing'), 404, 2001);
    expectEnvelope(
      await send(port, { method: 'POST', path: '/', headers: { 'content-type': 'application/json' }, body: '{}' }),
      404,
      2001,
    );
  });

  it('every error answer collected so far is a JSON envelope with security headers', async () => {
    const errors = answers.filter((answer) => answer.status >= 400);
    expect(errors.length).toBeGreaterThan(50);
    for (const answer of errors) {
      expect(answer.body, `status ${answer.status}`).not.toMatch(/<html|<!doctype/i);
      expect(answer.headers['x-content-type-options'], JSON.stringify(answer)).toBe('nosniff');
      if (answer.body === '') continue; // HEAD
      const parsed = JSON.parse(answer.body) as {
        error: { status: number; code: number; message: string };
        success: boolean;
      };
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(parsed.success).toBe(false);
      expect(parsed.error.status).toBe(answer.status);
      expect(typeof parsed.error.code).toBe('number');
      expect(typeof parsed.error.message).toBe('string');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 9. The key never leaves: not in answers, not in logs
// ---------------------------------------------------------------------------------------------

describe('the key', () => {
  it('is in no answer body or header, across every request above', () => {
    expect(answers.length).toBeGreaterThan(100);
    for (const answer of answers) {
      expect(answer.body).not.toContain(API_KEY);
      expect(JSON.stringify(answer.headers)).not.toContain(API_KEY);
    }
  });

  it('is not in the logs, even at trace level with request logging on', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        lines.push(chunk.toString());
        callback();
      },
    });
    const logged = await startConsole(`http://127.0.0.1:${upstream.port}/api/partner`, {
      logger: { level: 'trace', stream },
      requestLogging: true,
    });
    try {
      const to = (request: Send) => send(logged.port, request);
      expect((await to({ path: '/v3/webhook-events', headers: { authorization: 'Bearer client-key' } })).status).toBe(
        200,
      );
      expect(
        (
          await to({
            method: 'POST',
            path: '/v3/webhook-subscriptions',
            headers: { 'content-type': 'application/json' },
            body: '{"target_url":"https://hooks.example/x"}',
          })
        ).status,
      ).toBe(200);
      upstream.handle = reply(401, LINQ_ERRORS.unauthorized());
      expect((await to({ path: '/v3/phone_numbers' })).status).toBe(401);
      upstream.handle = (request) => request.socket.destroy();
      expect((await to({ path: '/v3/phone_numbers' })).status).toBe(502);
      upstream.handle = () => {
        /* never answers */
      };
      expect((await to({ path: '/v3/webhook-events' })).status).toBe(504);
      upstream.handle = reply(302, undefined, { location: 'https://evil.example/' });
      expect((await to({ path: '/v3/webhook-events' })).status).toBe(502);
      expect(
        (
          await to({
            method: 'POST',
            path: '/v3/webhook-subscriptions',
            headers: { 'content-type': 'application/json' },
            body: '{',
          })
        ).status,
      ).toBe(400);
      expect((await to({ path: '/v3/webhook-events', headers: { host: 'evil.example' } })).status).toBe(403);
      expect((await sendRaw(logged.port, 'GARBAGE\r\n\r\n')).status).toBe(400);
    } finally {
      await logged.app.close();
    }
    const text = lines.join('');
    expect(text).not.toBe('');
    expect(text).toContain('fetching from remote server');
    expect(text).toContain('upstream request failed');
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain('Bearer');
  });
});
