import { describe, expect, it } from 'vitest';
import { labelListSchema, labelSchema } from '../contract/console.ts';
import {
  cleanupsAfterEach,
  expectEnvelope,
  fetchAnswer,
  prepareTestDatabase,
  startTestConsole,
  startTestSandbox,
} from './test-http.ts';

prepareTestDatabase();

/**
 * The label endpoints over HTTP: GET all, GET one (404 when unlabelled), PUT with the lengths
 * and trimming of the contract, both empty removing it; and the write held to the same Origin and
 * JSON rules as a forwarded one. A label belongs to a subscription Linq knows (here the sandbox's).
 */

const cleanups = cleanupsAfterEach();

async function start() {
  const sandbox = await startTestSandbox({ apiKey: 'k' });
  cleanups.push(() => sandbox.close());
  const console = await startTestConsole({ baseUrl: sandbox.url, apiKey: 'k' });
  cleanups.push(() => console.close());
  const call = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    fetchAnswer(`${console.url}${path}`, method, body, headers);
  const ids = sandbox.store.state.subscriptions.map((subscription) => subscription.id);
  return { call, url: console.url, ids, sandbox };
}

describe('labels', () => {
  it('are set trimmed, read one by one and all together, and removed when both fields are empty', async () => {
    const { call, ids } = await start();
    const id = ids[0] ?? '';
    expectEnvelope(await call('GET', `/__console/labels/${id}`), 404, 2001);
    const set = await call(
      'PUT',
      `/__console/labels/${id}`,
      JSON.stringify({ name: '  Billing EU  ', note: ' prod\n' }),
    );
    expect(set.status).toBe(200);
    expect(labelSchema.parse(JSON.parse(set.body))).toMatchObject({
      subscription_id: id,
      name: 'Billing EU',
      note: 'prod',
      updated_by: 'local',
    });
    expect(JSON.parse((await call('GET', `/__console/labels/${id}`)).body)).toMatchObject({ name: 'Billing EU' });
    const all = labelListSchema.parse(JSON.parse((await call('GET', '/__console/labels')).body));
    expect(all.labels.find((label) => label.subscription_id === id)?.note).toBe('prod');

    expect((await call('PUT', `/__console/labels/${id}`, JSON.stringify({ name: ' ', note: '' }))).status).toBe(200);
    expectEnvelope(await call('GET', `/__console/labels/${id}`), 404, 2001);
  });

  it('refuses names over 80 and notes over 2,000 characters, other shapes and bad JSON', async () => {
    const { call, ids } = await start();
    const path = `/__console/labels/${ids[1]}`;
    expect((await call('PUT', path, JSON.stringify({ name: 'n'.repeat(80), note: 'x'.repeat(2000) }))).status).toBe(
      200,
    );
    for (const body of [
      JSON.stringify({ name: 'n'.repeat(81), note: '' }),
      JSON.stringify({ name: '', note: 'x'.repeat(2001) }),
      JSON.stringify({ name: 'only a name' }),
      JSON.stringify({ name: 1, note: '' }),
      JSON.stringify(['name', 'note']),
    ]) {
      expectEnvelope(await call('PUT', path, body), 400, 1001);
    }
    expectEnvelope(await call('PUT', path, '{"name":'), 400, 1001);
    // Each refusal says what to send, limits included.
    const onlyName = JSON.parse((await call('PUT', path, JSON.stringify({ name: 'only a name' }))).body);
    expect(onlyName.error.message).toMatch(/both required.*at most 80 characters.*at most 2000/);
    const tooLong = JSON.parse((await call('PUT', path, JSON.stringify({ name: 'n'.repeat(81), note: '' }))).body);
    expect(tooLong.error.message).toContain('longer than 80 characters');
    expect(JSON.parse((await call('GET', path)).body)).toMatchObject({ name: 'n'.repeat(80) });
  });

  it('refuses a label write from another site and one that is not JSON', async () => {
    const { call, url, ids } = await start();
    const path = `/__console/labels/${ids[2]}`;
    const body = JSON.stringify({ name: 'Evil', note: '' });
    expectEnvelope(await call('PUT', path, body, { origin: 'https://evil.example' }), 403, 2005);
    expectEnvelope(await call('PUT', path, body, { 'sec-fetch-site': 'cross-site' }), 403, 2005);
    expectEnvelope(await call('PUT', path, body, { 'content-type': 'text/plain' }), 415, 1004);
    expectEnvelope(await call('GET', path), 404, 2001);
    expect((await call('PUT', path, body, { origin: url })).status).toBe(200);
  });
});
