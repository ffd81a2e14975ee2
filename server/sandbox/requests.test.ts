import LinqAPIV3 from '@linqapp/sdk';
import { describe, expect, it } from 'vitest';
import {
  prepareTestDatabase,
  cleanupsAfterEach,
  expectEnvelope,
  sendRaw,
  startTestConsole,
  startTestSandbox,
} from '../test-http.ts';
import type { RunningSandbox } from './app.ts';

prepareTestDatabase();

/**
 * The sandbox at its edge: it listens on a fixed port with a documented key, so it answers only
 * under its own address (DNS rebinding), and every id that reaches it is looked up.
 */

const API_KEY = 'test-key';
const cleanups = cleanupsAfterEach();

async function open(): Promise<{ sandbox: RunningSandbox; port: number }> {
  const sandbox = await startTestSandbox({ apiKey: API_KEY });
  cleanups.push(() => sandbox.close());
  return { sandbox, port: sandbox.port };
}

/** One request with exactly these header lines. */
function raw(port: number, method: string, path: string, headerLines: string[], body = ''): ReturnType<typeof sendRaw> {
  const lines = [`${method} /api/partner${path} HTTP/1.1`, ...headerLines, `Authorization: Bearer ${API_KEY}`];
  if (body !== '') lines.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`);
  return sendRaw(port, `${lines.join('\r\n')}\r\nConnection: close\r\n\r\n${body}`);
}

describe('Host', () => {
  it.each(['evil.example', 'evil.example:PORT', '127.0.0.1:1', 'localhost', 'localhost.evil.example:PORT'])(
    'refuses Host %s with a 403 envelope, for the API and the fault switch alike',
    async (template) => {
      const { sandbox, port } = await open();
      const host = `Host: ${template.replace('PORT', String(port))}`;
      for (const path of ['/v3/webhook-events', '/v3/webhook-subscriptions', '/__sandbox/faults']) {
        expectEnvelope(await raw(port, 'GET', path, [host]), 403, 2005);
      }
      expectEnvelope(await raw(port, 'PUT', '/__sandbox/faults', [host], '{"failure_rate":1}'), 403, 2005);
      const before = sandbox.store.state.subscriptions.length;
      const create = '{"target_url":"https://hooks.example.com/rebound","subscribed_events":["message.sent"]}';
      expectEnvelope(await raw(port, 'POST', '/v3/webhook-subscriptions', [host], create), 403, 2005);
      expect(sandbox.faults.failure_rate).toBe(0);
      expect(sandbox.store.state.subscriptions).toHaveLength(before);
    },
  );

  it('refuses a request without Host, and one with two', async () => {
    const { port } = await open();
    expectEnvelope(await raw(port, 'GET', '/v3/webhook-events', []), 403, 2005);
    expectEnvelope(
      await raw(port, 'GET', '/v3/webhook-events', [`Host: 127.0.0.1:${port}`, 'Host: evil.example']),
      400,
      1001,
    );
  });

  it('answers under 127.0.0.1, localhost and [::1] with its port, and to the SDK', async () => {
    const { sandbox, port } = await open();
    for (const name of ['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]']) {
      const answer = await raw(port, 'GET', '/v3/webhook-events', [`Host: ${name}:${port}`]);
      expect(answer.status, name).toBe(200);
    }
    const sdk = new LinqAPIV3({ apiKey: API_KEY, baseURL: sandbox.url, maxRetries: 0 });
    expect((await sdk.webhookEvents.list()).events.length).toBeGreaterThan(0);
  });
});

describe('ids', () => {
  it.each([101, 128, 129, 2000])(
    'an unknown id of %i characters is a 404 envelope, like any unknown id',
    async (length) => {
      const { port } = await open();
      const id = 'a'.repeat(length);
      const host = `Host: 127.0.0.1:${port}`;
      expectEnvelope(await raw(port, 'GET', `/v3/webhook-subscriptions/${id}`, [host]), 404, 2001);
      expectEnvelope(
        await raw(port, 'PUT', `/v3/webhook-subscriptions/${id}`, [host], '{"is_active":false}'),
        404,
        2001,
      );
      expectEnvelope(await raw(port, 'DELETE', `/v3/webhook-subscriptions/${id}`, [host]), 404, 2001);
    },
  );
});

describe('behind the console', () => {
  it('answers the proxy, which sends its own origin as Host, for ids up to the 128 the proxy lets through', async () => {
    const { sandbox } = await open();
    const proxy = await startTestConsole({ baseUrl: sandbox.url, apiKey: API_KEY });
    cleanups.push(() => proxy.close());

    expect((await fetch(`${proxy.url}/v3/webhook-events`)).status).toBe(200);
    for (const length of [101, 128]) {
      const answer = await fetch(`${proxy.url}/v3/webhook-subscriptions/${'b'.repeat(length)}`);
      expect(answer.status, `${length} characters`).toBe(404);
      expect(await answer.json()).toEqual({
        error: { status: 404, code: 2001, message: 'Resource not found' },
        success: false,
      });
    }
  });
});
