// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { labelListSchema, labelSchema } from '../contract/console.ts';
import { cleanupsAfterEach, expectEnvelope, fetchAnswer, prepareTestDatabase, startTestConsole } from './test-http.ts';

prepareTestDatabase();

/**
 * The label endpoints over HTTP: GET all, GET one (404 when unlabelled), PUT with the lengths
 * and trimming of the contract, both empty removing it; and the write held to the same Origin and
 * JSON rules as a forwarded one.
 */

const cleanups = cleanupsAfterEach();

async function start() {
  const console = await startTestConsole();
  cleanups.push(() => console.close());
  const call = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    fetchAnswer(`${console.url}${path}`, method, body, headers);
  return { call, url: console.url };
}

describe('labels', () => {
  it('are set trimmed, read one by one and all together, and removed when both fields are empty', async () => {
    const { call } = await start();
    const id = `label-${Date.now()}`;
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
    const { call } = await start();
    const path = '/__console/labels/too-long';
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
    const { call, url } = await start();
    const body = JSON.stringify({ name: 'Evil', note: '' });
    expectEnvelope(await call('PUT', '/__console/labels/csrf', body, { origin: 'https://evil.example' }), 403, 2005);
    expectEnvelope(await call('PUT', '/__console/labels/csrf', body, { 'sec-fetch-site': 'cross-site' }), 403, 2005);
    expectEnvelope(await call('PUT', '/__console/labels/csrf', body, { 'content-type': 'text/plain' }), 415, 1004);
    expectEnvelope(await call('GET', '/__console/labels/csrf'), 404, 2001);
    expect((await call('PUT', '/__console/labels/csrf', body, { origin: url })).status).toBe(200);
  });
});
