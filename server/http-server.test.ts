import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deadlines } from './http-server.ts';
import { buildSandboxApp } from './sandbox/app.ts';
import {
  prepareTestDatabase,
  cleanupsAfterEach,
  exchange,
  expectEnvelope,
  parseRawAnswer,
  sendRaw,
  startTestConsole,
} from './test-http.ts';

prepareTestDatabase();

/**
 * What both servers (the console and the sandbox) promise as HTTP servers: every socket has a
 * deadline, and what Node answers before Fastify sees a request is still the Linq envelope.
 */

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'linq-http-server-test-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

interface Started {
  server: Server;
  port: number;
  /** A request line and headers the server answers (any status) without an upstream. */
  request: string;
  /** The same for a create, which waits for its body. */
  create: string;
}

const cleanups = cleanupsAfterEach();

const SERVERS: Array<[string, (deadlines?: Partial<Deadlines>) => Promise<Started>]> = [
  [
    'the console',
    async (deadlines) => {
      const started = await startTestConsole({ deadlines });
      cleanups.push(() => started.close());
      const host = `Host: 127.0.0.1:${started.port}\r\n`;
      return {
        server: started.app.server,
        port: started.port,
        request: `GET /__console/upstream HTTP/1.1\r\n${host}`,
        create: `POST /v3/webhook-subscriptions HTTP/1.1\r\n${host}`,
      };
    },
  ],
  [
    'the sandbox',
    async (deadlines) => {
      const dataFile = join(await mkdtemp(join(scratch, 'sandbox-')), 'sandbox.json');
      const { app } = await buildSandboxApp({ dataFile, apiKey: 'k', deadlines });
      cleanups.push(() => app.close());
      await app.listen({ host: '127.0.0.1', port: 0 });
      const port = (app.server.address() as AddressInfo).port;
      const headers = `Host: 127.0.0.1:${port}\r\nAuthorization: Bearer k\r\n`;
      return {
        server: app.server,
        port,
        request: `GET /api/partner/v3/webhook-events HTTP/1.1\r\n${headers}`,
        create: `POST /api/partner/v3/webhook-subscriptions HTTP/1.1\r\n${headers}`,
      };
    },
  ],
];

const SHORT: Deadlines = { headersMs: 400, requestMs: 800, keepAliveMs: 300, checkIntervalMs: 100 };
// Generous for a busy machine: the bounds that matter are the deadlines, not the margin.
const MARGIN_MS = 3000;

function expectSecurityHeaders(answer: ReturnType<typeof parseRawAnswer>): void {
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  expect(answer.headers['x-frame-options']).toBe('DENY');
  expect(answer.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(answer.headers['cache-control']).toBe('no-store');
}

describe.each(SERVERS)('%s', (_name, start) => {
  it('closes every kind of stuck socket within 60 s by default', async () => {
    const { server } = await start();
    // Public since Node 18.12, missing from @types/node 20.
    const { connectionsCheckingInterval } = server as Server & { connectionsCheckingInterval: number };
    for (const deadline of [server.headersTimeout, server.requestTimeout, server.keepAliveTimeout]) {
      expect(deadline).toBeGreaterThan(0);
    }
    // Node checks the header and request deadlines every connectionsCheckingInterval.
    expect(server.headersTimeout + connectionsCheckingInterval).toBeLessThanOrEqual(60_000);
    expect(server.requestTimeout + connectionsCheckingInterval).toBeLessThanOrEqual(60_000);
    expect(server.keepAliveTimeout).toBeLessThanOrEqual(60_000);
  });

  it('closes a connection that never sends a byte', async () => {
    const { port } = await start(SHORT);
    const { text, closedAfterMs } = await exchange(port, '');
    expect(closedAfterMs).toBeLessThan(SHORT.headersMs + MARGIN_MS);
    if (text !== '') expectEnvelope(parseRawAnswer(text), 408);
  });

  it('answers 408 and closes when the headers never finish', async () => {
    const { port, request } = await start(SHORT);
    const { text, closedAfterMs } = await exchange(port, request);
    expect(closedAfterMs).toBeLessThan(SHORT.headersMs + MARGIN_MS);
    const answer = parseRawAnswer(text);
    expectEnvelope(answer, 408);
    expectSecurityHeaders(answer);
  });

  it('answers 408 and closes a stalled upload', async () => {
    const { port, create } = await start(SHORT);
    const { text, closedAfterMs } = await exchange(
      port,
      `${create}Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"target_url":`,
    );
    expect(closedAfterMs).toBeGreaterThanOrEqual(SHORT.headersMs);
    expect(closedAfterMs).toBeLessThan(SHORT.requestMs + MARGIN_MS);
    expectEnvelope(parseRawAnswer(text), 408);
  });

  it('closes an idle keep-alive connection after its answer', async () => {
    const { port, request } = await start(SHORT);
    const { text, closedAfterMs } = await exchange(port, `${request}\r\n`);
    expect(parseRawAnswer(text).status).toBeGreaterThanOrEqual(200);
    expect(closedAfterMs).toBeLessThan(SHORT.keepAliveMs + MARGIN_MS);
  });

  it('answers an Expect it does not understand with a 417 envelope and the security headers', async () => {
    const { request, port } = await start();
    const answer = await sendRaw(port, `${request}Expect: foo\r\nConnection: close\r\n\r\n`);
    expectEnvelope(answer, 417);
    expectSecurityHeaders(answer);
  });

  it.each([
    ['a malformed request line', () => 'GARBAGE\r\n\r\n', 400],
    ['a header without a colon', (request: string) => `${request}not a header\r\n\r\n`, 400],
    ['headers over the size limit', (request: string) => `${request}X-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`, 431],
  ])('answers %s with an envelope and the security headers', async (_label, bytes, status) => {
    const { request, port } = await start();
    const answer = await sendRaw(port, bytes(request));
    expectEnvelope(answer, status);
    expectSecurityHeaders(answer);
  });
});
