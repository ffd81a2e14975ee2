import LinqAPIV3, { RateLimitError } from '@linqapp/sdk';
import { describe, expect, it } from 'vitest';
import { prepareTestDatabase, cleanupsAfterEach, startTestConsole, startTestSandbox } from '../test-http.ts';
import { parseEnv } from '../env.ts';
import type { RunningSandbox } from './app.ts';
import { burstFor, createRateLimiter } from './model/rate-limit.ts';
import { expectLinq429 } from './model/test-conformance-kit.ts';

prepareTestDatabase();

/**
 * The sandbox's rate limiter, off by default: a token bucket per key, answering exactly Linq's
 * 429 (Retry-After header, code 1007, retry_after in the body), which the console passes through.
 */

const API_KEY = 'test-key';
const cleanups = cleanupsAfterEach();

async function open(rateLimit?: number): Promise<RunningSandbox> {
  const sandbox = await startTestSandbox({ apiKey: API_KEY, rateLimit });
  cleanups.push(() => sandbox.close());
  return sandbox;
}

const sdk = (baseURL: string) => new LinqAPIV3({ apiKey: API_KEY, baseURL, maxRetries: 0 });

async function rateLimitError(promise: Promise<unknown>): Promise<RateLimitError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RateLimitError);
  return error as RateLimitError;
}

const wait = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

// One request every two seconds, a burst of one: the second of two requests in a row meets the
// limit unless two whole seconds pass between them, however busy the machine.
const SLOW = 0.5;

describe('the token bucket', () => {
  it('allows a burst of max(1, ceil(rate / 4)), then asks to wait, and refills at the rate', () => {
    let now = 0;
    const take = createRateLimiter(() => now);
    expect([burstFor(0.5), burstFor(1), burstFor(4), burstFor(5), burstFor(20), burstFor(50)]).toEqual([
      1, 1, 1, 2, 5, 13,
    ]);
    for (let i = 0; i < 5; i += 1) expect(take('k', 20)).toBeUndefined();
    expect(take('k', 20)).toBe(1);
    // A refused request takes no token: 50 ms later exactly one is back.
    now += 50;
    expect(take('k', 20)).toBeUndefined();
    expect(take('k', 20)).toBe(1);
    // Each key has its own bucket; 0 is off.
    expect(take('other', 20)).toBeUndefined();
    for (let i = 0; i < 100; i += 1) expect(take('k', 0)).toBeUndefined();
    // Slow rates ask for whole seconds, rounded up.
    expect(take('slow', 0.25)).toBeUndefined();
    expect(take('slow', 0.25)).toBe(4);
  });
});

describe('the sandbox with LINQ_SANDBOX_RATE_LIMIT', () => {
  it('is off by default', async () => {
    expect(parseEnv({}).LINQ_SANDBOX_RATE_LIMIT).toBe(0);
    expect(parseEnv({ LINQ_SANDBOX_RATE_LIMIT: '20' }).LINQ_SANDBOX_RATE_LIMIT).toBe(20);
    expect(() => parseEnv({ LINQ_SANDBOX_RATE_LIMIT: '-1' })).toThrow(/LINQ_SANDBOX_RATE_LIMIT/);
    const client = sdk((await open()).url);
    const answers = await Promise.all(Array.from({ length: 30 }, () => client.webhookEvents.list()));
    expect(answers).toHaveLength(30);
  });

  it("answers Linq's 429 past the limit, which the SDK sees; after Retry-After it answers again", async () => {
    const sandbox = await open(SLOW);
    const client = sdk(sandbox.url);
    await client.webhookSubscriptions.list();
    const retryAfter = expectLinq429(await rateLimitError(client.webhookSubscriptions.list()));
    await wait(retryAfter);
    expect((await client.webhookSubscriptions.list()).subscriptions.length).toBeGreaterThan(0);
  });

  it('announces the limit on every API answer (RateLimit-Policy), so a client can pace itself', async () => {
    const sandbox = await open(SLOW);
    const answer = await fetch(`${sandbox.url}/v3/webhook-events`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(answer.headers.get('ratelimit-policy')).toBe(`${SLOW};w=1`);
    const limited = await fetch(`${sandbox.url}/v3/webhook-events`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('ratelimit-policy')).toBe(`${SLOW};w=1`);
    const off = await open();
    const free = await fetch(`${off.url}/v3/webhook-events`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(free.headers.get('ratelimit-policy')).toBeNull();
  });

  it('changes nothing with a 429, and counts only /v3 requests', async () => {
    const sandbox = await open(SLOW);
    const client = sdk(sandbox.url);
    await client.webhookEvents.list();
    const before = structuredClone(sandbox.store.state);
    expectLinq429(
      await rateLimitError(
        client.webhookSubscriptions.create({
          target_url: 'https://hooks.example.com/limited',
          subscribed_events: ['message.sent'],
        }),
      ),
    );
    expect(sandbox.store.state).toEqual(before);
    // The fault switch is not an API request.
    for (let i = 0; i < 5; i += 1) {
      const faults = await fetch(`${sandbox.url}/__sandbox/faults`, {
        headers: { authorization: `Bearer ${API_KEY}` },
      });
      expect(faults.status).toBe(200);
    }
  });

  it('is switched at run time through the fault switch, and shown there', async () => {
    const sandbox = await open();
    const client = sdk(sandbox.url);
    const faults = (body?: unknown) =>
      fetch(`${sandbox.url}/__sandbox/faults`, {
        method: body === undefined ? 'GET' : 'PUT',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect(await (await faults()).json()).toEqual({ latency_ms: 0, failure_rate: 0, rate_limit: 0, failing_ids: [] });

    const on = await faults({ rate_limit: SLOW });
    expect(await on.json()).toEqual({ latency_ms: 0, failure_rate: 0, rate_limit: SLOW, failing_ids: [] });
    await client.webhookEvents.list();
    expectLinq429(await rateLimitError(client.webhookEvents.list()));
    expect(await (await faults()).json()).toEqual({
      latency_ms: 0,
      failure_rate: 0,
      rate_limit: SLOW,
      failing_ids: [],
    });

    for (const bad of [-1, 'fast', Number.MAX_VALUE]) {
      const refused = await faults({ rate_limit: bad });
      expect(refused.status).toBe(400);
    }
    expect(sandbox.faults.rate_limit).toBe(SLOW);

    await faults({ rate_limit: 0 });
    const answers = await Promise.all(Array.from({ length: 10 }, () => client.webhookEvents.list()));
    expect(answers).toHaveLength(10);
  });
});

describe('behind the console', () => {
  it('passes the 429 through with Retry-After and the body; the SDK sees a RateLimitError', async () => {
    const sandbox = await open(SLOW);
    const proxy = await startTestConsole({ baseUrl: sandbox.url, apiKey: API_KEY });
    cleanups.push(() => proxy.close());
    // The SDK's key is ignored by the console, which sends its own.
    const client = new LinqAPIV3({
      apiKey: 'unused',
      baseURL: proxy.url,
      maxRetries: 0,
    });
    await client.phoneNumbers.list();
    const retryAfter = expectLinq429(await rateLimitError(client.phoneNumbers.list()));
    await wait(retryAfter);
    expect((await client.phoneNumbers.list()).phone_numbers.length).toBeGreaterThan(0);
  });
});
