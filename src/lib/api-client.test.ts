import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { envelope, installFakeApi } from '@/test/fake-api';
import { ApiError, apiClient } from './api-client';

afterEach(() => {
  installFakeApi(() => ({ status: 500 })).restore();
});

describe('apiClient', () => {
  it('parses a successful answer with the schema', async () => {
    installFakeApi(() => ({ status: 200, body: { events: ['message.sent'], doc_url: 'https://d' } }));
    const result = await apiClient.get('/v3/webhook-events', z.object({ events: z.array(z.string()) }));
    expect(result.events).toEqual(['message.sent']);
  });

  it('turns the Linq error envelope into an ApiError with status, code and message', async () => {
    installFakeApi(() => envelope(400, 1002, 'Phone number must be in E.164 format'));
    const error = await apiClient
      .put('/v3/webhook-subscriptions/x', { phone_numbers: ['1'] }, z.unknown())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 1002, message: 'Phone number must be in E.164 format' });
  });

  it('sends JSON with a content type on writes', async () => {
    const api = installFakeApi(() => ({ status: 200, body: {} }));
    await apiClient.post('/v3/webhook-subscriptions', { target_url: 'https://a.example' }, z.object({}));
    const init = api.fetchMock.mock.calls[0]?.[1];
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json');
    expect(api.requests[0]).toEqual({
      method: 'POST',
      path: '/v3/webhook-subscriptions',
      body: { target_url: 'https://a.example' },
    });
  });

  it('reports an answer that is not an envelope with its status, never raw HTML', async () => {
    installFakeApi(() => ({ status: 502, body: '<html>bad gateway</html>' }));
    const error = await apiClient.delete('/v3/webhook-subscriptions/x').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: undefined });
    expect((error as Error).message).not.toContain('<html>');
  });

  it('rejects a successful answer of the wrong shape as an ordinary error', async () => {
    installFakeApi(() => ({ status: 200, body: { subscriptions: 'nope' } }));
    const error = await apiClient
      .get('/v3/webhook-subscriptions', z.object({ subscriptions: z.array(z.string()) }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
  });
});
