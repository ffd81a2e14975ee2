import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeAll, expect } from 'vitest';
import { buildApp, type ConsoleAppOptions } from './app.ts';
import { openDatabase, type Database } from './journal/db.ts';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from './sandbox/app.ts';

/**
 * Test helpers shared by the server suites: a console and a sandbox to test against, raw bytes
 * on a socket (for what node:http or fetch will not send), the one HTTP/1.1 answer read back, and
 * the envelope check.
 */

/** A list of clean-ups a test pushes to; they run after each test, last first. */
export function cleanupsAfterEach(): Array<() => Promise<void>> {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}

/** Kills the child processes a test spawned and removes its directories, after each test. */
export function spawnedAfterEach(): { children: ChildProcess[]; directories: string[] } {
  const spawned = { children: [] as ChildProcess[], directories: [] as string[] };
  afterEach(async () => {
    for (const child of spawned.children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    await Promise.all(
      spawned.directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })),
    );
  });
  return spawned;
}

/** A port free on 127.0.0.1 now: for a child process, or a URL that must be known before listening. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** One request with fetch, read whole. */
export async function fetchAnswer(
  url: string,
  method: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}

/** A sandbox on a free port with key `test-key` and a fresh data file, both gone on close. */
export async function startTestSandbox(
  options: Partial<StartSandboxOptions> = {},
): Promise<RunningSandbox & { port: number }> {
  const directory = await mkdtemp(join(tmpdir(), 'linq-test-sandbox-'));
  const sandbox = await startSandbox({
    dataFile: join(directory, 'sandbox.json'),
    apiKey: 'test-key',
    port: 0,
    ...options,
  });
  return {
    ...sandbox,
    port: Number(new URL(sandbox.url).port),
    close: async () => {
      await sandbox.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

let shared: Promise<Database> | undefined;

/**
 * One embedded database (PGlite, in memory) for every console of a test file that does not bring
 * its own: creating one takes seconds, and the suites that use it never read the journal back.
 */
export function sharedTestDatabase(): Promise<Database> {
  shared ??= openDatabase({});
  return shared;
}

/** Opens the shared database before a file's tests, so no test's time limit pays for it. */
export function prepareTestDatabase(): void {
  beforeAll(() => sharedTestDatabase().then(() => undefined), 120_000);
}

export interface TestConsole {
  app: FastifyInstance;
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

/**
 * A console on a free port: serve mode with a one-page dist/ of its own unless `options` say
 * otherwise, key `k`, upstream `baseUrl` (a closed port when nothing is to be forwarded).
 */
export async function startTestConsole(options: Partial<ConsoleAppOptions> = {}): Promise<TestConsole> {
  const distDir = await mkdtemp(join(tmpdir(), 'linq-test-console-'));
  await writeFile(join(distDir, 'index.html'), '<!doctype html><title>console</title><body></body>');
  const app = await buildApp({
    mode: 'serve',
    distDir,
    baseUrl: 'http://127.0.0.1:9/api/partner',
    apiKey: 'k',
    timeoutMs: 5000,
    host: '127.0.0.1',
    port: 0,
    ...options,
    database: options.database ?? (await sharedTestDatabase()),
  });
  // `port` (for the Host check) is also where it listens when a test needs to know it in advance.
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const port = (app.server.address() as AddressInfo).port;
  return {
    app,
    port,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await rm(distDir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Exchange {
  /** Everything the server sent, as latin1. */
  text: string;
  /** Milliseconds from connecting until the server closed the connection. */
  closedAfterMs: number;
}

/** Writes raw bytes and keeps the connection open until the server closes it. */
export function exchange(port: number, bytes: string): Promise<Exchange> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closedAfterMs: performance.now() - started });
    };
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', finish);
    if (bytes !== '') socket.write(bytes, 'latin1');
  });
}

/** Writes raw bytes, reads until the server closes, parses one HTTP/1.1 answer. */
export async function sendRaw(port: number, bytes: string): Promise<Answer> {
  const { text } = await exchange(port, bytes);
  if (text === '') throw new Error('connection closed without an answer');
  return parseRawAnswer(text);
}

export function parseRawAnswer(text: string): Answer {
  const split = text.indexOf('\r\n\r\n');
  const head = split === -1 ? text : text.slice(0, split);
  let body = split === -1 ? '' : text.slice(split + 4);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers: IncomingHttpHeaders = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  if (headers['transfer-encoding'] === 'chunked') {
    let decoded = '';
    let rest = body;
    for (;;) {
      const lineEnd = rest.indexOf('\r\n');
      const size = parseInt(rest.slice(0, lineEnd), 16);
      if (!size) break;
      decoded += rest.slice(lineEnd + 2, lineEnd + 2 + size);
      rest = rest.slice(lineEnd + 2 + size + 2);
    }
    body = decoded;
  } else if (headers['content-length'] !== undefined) {
    body = body.slice(0, Number(headers['content-length']));
  }
  return { status, headers, body: Buffer.from(body, 'latin1').toString('utf8') };
}

/** A JSON Linq error envelope with this status (and code), nothing more, never HTML. */
export function expectEnvelope(answer: Answer, status: number, code?: number): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.body).not.toMatch(/<html|<!doctype/i);
  const parsed = JSON.parse(answer.body) as unknown;
  expect(parsed).toEqual({
    error: { status, code: code ?? expect.any(Number), message: expect.any(String) },
    success: false,
  });
  expect(Object.keys((parsed as { error: object }).error).sort()).toEqual(['code', 'message', 'status']);
}
