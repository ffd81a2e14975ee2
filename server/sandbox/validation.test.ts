import { describe, expect, it } from 'vitest';
import { cleanupsAfterEach, startTestSandbox } from '../test-http.ts';
import type { RunningSandbox } from './app.ts';
import { MAX_PHONE_NUMBERS, checkEventTypes, checkPhoneNumbers } from './model/validation.ts';

/**
 * One heavy request must not stall the process (the embedded sandbox shares the console's):
 * validation is linear and refuses absurd sizes before the expensive per-number check.
 */

const API_KEY = 'test-key';
const cleanups = cleanupsAfterEach();

async function open(): Promise<RunningSandbox> {
  const sandbox = await startTestSandbox({ apiKey: API_KEY });
  cleanups.push(() => sandbox.close());
  return sandbox;
}

/** `count` distinct, valid US numbers (+1 and eight area codes, exchanges from 200). */
function distinctPhones(count: number): string[] {
  const areas = ['212', '415', '646', '718', '305', '312', '617', '206'];
  return Array.from(
    { length: count },
    (_, i) => `+1${areas[i % areas.length]}${2_000_000 + Math.floor(i / areas.length)}`,
  );
}

const tooMany = `phone_numbers may hold at most ${MAX_PHONE_NUMBERS} distinct phone numbers`;

describe('phone number limits', () => {
  it('refuses more distinct numbers than the limit, before checking any of them', () => {
    // Not one of these is a phone number: the count is what refuses them, not the E.164 check.
    const junk = Array.from({ length: MAX_PHONE_NUMBERS + 1 }, (_, i) => `not-a-phone-${i}`);
    expect(checkPhoneNumbers(junk)).toEqual({
      ok: false,
      error: { error: { status: 400, code: 1001, message: tooMany }, success: false },
    });
  });

  it('accepts exactly the limit, and counts duplicates once', () => {
    const phones = distinctPhones(MAX_PHONE_NUMBERS);
    expect(checkPhoneNumbers(phones)).toEqual({ ok: true, value: phones });
    const repeated = Array.from({ length: 5 * MAX_PHONE_NUMBERS }, () => '+14155550123');
    expect(checkPhoneNumbers(repeated)).toEqual({ ok: true, value: ['+14155550123'] });
  });

  it('still reports the first number that is not E.164 under the limit', () => {
    expect(checkPhoneNumbers(['+14155550123', '4155550123']).ok).toBe(false);
  });

  it('drops duplicate event types in one pass, keeping the first order', () => {
    const events = Array.from({ length: 50_000 }, (_, i) => (i % 2 ? 'message.sent' : 'message.received'));
    expect(checkEventTypes(events)).toEqual({ ok: true, value: ['message.received', 'message.sent'] });
  });
});

describe('a 1 MiB create of about 69,000 phone numbers', () => {
  it('is refused with a 400 envelope and does not hold up a concurrent request', async () => {
    const sandbox = await open();
    const phones = distinctPhones(69_000);
    const body = JSON.stringify({
      target_url: 'https://hooks.example.com/huge',
      subscribed_events: ['message.sent'],
      phone_numbers: phones,
    });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(1024 * 1024);
    const headers = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };

    let answered = false;
    const create = fetch(`${sandbox.url}/v3/webhook-subscriptions`, { method: 'POST', headers, body }).finally(() => {
      answered = true;
    });
    // Catalog requests one after another until the create is answered: whichever of them meets the
    // create's validation must not wait for it. The quadratic check held one up for about 6 s.
    let slowest = 0;
    do {
      const started = performance.now();
      const catalog = await fetch(`${sandbox.url}/v3/webhook-events`, { headers });
      expect(catalog.status).toBe(200);
      slowest = Math.max(slowest, performance.now() - started);
    } while (!answered);
    // Generous for a busy two-core machine; the point is "not seconds".
    expect(slowest).toBeLessThan(2_000);

    const answer = await create;
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error: { status: 400, code: 1001, message: tooMany }, success: false });
    expect(sandbox.store.state.subscriptions.some((entry) => entry.target_url.endsWith('/huge'))).toBe(false);
  });
});

describe('target_url', () => {
  const headers = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };
  const create = (sandbox: RunningSandbox, targetUrl: string) =>
    fetch(`${sandbox.url}/v3/webhook-subscriptions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ target_url: targetUrl, subscribed_events: ['message.sent'] }),
    });

  it.each([
    'https://hooks.example.com/a\r\nX-Injected: 1',
    'https://hooks.example.com/a\nb',
    'https://hooks.example.com/a\tb',
    'https://hooks.example.com/a\u0000b',
    'https://hooks.example.com/a\u007fb',
  ])('refuses control characters inside: %j', async (targetUrl) => {
    const sandbox = await open();
    const before = sandbox.store.state.subscriptions.length;
    const answer = await create(sandbox, targetUrl);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({
      error: { status: 400, code: 1001, message: 'target_url must not contain control characters' },
      success: false,
    });
    expect(sandbox.store.state.subscriptions).toHaveLength(before);
  });

  it('is the same URL whatever the case of its scheme and host: 409 on create and on update', async () => {
    const sandbox = await open();
    expect((await create(sandbox, 'https://dup.example/a')).status).toBe(201);
    for (const variant of ['https://DUP.example/a', 'HTTPS://dup.example/a', 'https://Dup.Example:443/a']) {
      const answer = await create(sandbox, variant);
      expect(answer.status, variant).toBe(409);
    }
    // The path is case-sensitive: another URL.
    expect((await create(sandbox, 'https://dup.example/A')).status).toBe(201);

    const other = sandbox.store.state.subscriptions.find((entry) => entry.target_url === 'https://dup.example/A');
    const update = await fetch(`${sandbox.url}/v3/webhook-subscriptions/${other?.id}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ target_url: 'https://DUP.EXAMPLE/a' }),
    });
    expect(update.status).toBe(409);
    // A subscription keeps its own URL under another spelling.
    const own = await fetch(`${sandbox.url}/v3/webhook-subscriptions/${other?.id}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ target_url: 'https://DUP.example/A' }),
    });
    expect(own.status).toBe(200);
  });
});
