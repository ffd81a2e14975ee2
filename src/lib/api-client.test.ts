import { describe, expect, it } from 'vitest';
import { LINQ_ENDPOINTS } from '@contract/endpoints';
import { installFakeApi } from '@/test/fake-api';
import { makeCreated, makeSubscription } from '@/test/factories';
import { installFakeLinq } from '@/test/fake-linq';
import { ApiError, createApiClient } from './api-client';

const { call: callEndpoint } = createApiClient();

describe('the API client', () => {
  it("parses a successful answer with the endpoint's schema", async () => {
    installFakeApi(() => ({ status: 200, body: { events: ['message.sent'], doc_url: 'https://d' } }));
    const result = await callEndpoint(LINQ_ENDPOINTS.listEventTypes, {});
    expect(result.events).toEqual(['message.sent']);
  });

  it('fills the path parameters, encoded', async () => {
    const api = installFakeApi(() => ({ status: 204 }));
    await callEndpoint(LINQ_ENDPOINTS.deleteSubscription, { params: { id: 'a b/c' } });
    expect(api.requests[0]).toMatchObject({ method: 'DELETE', path: '/v3/webhook-subscriptions/a%20b%2Fc' });
  });

  it('turns the Linq error envelope into an ApiError with status, code and message', async () => {
    installFakeLinq({ subscriptions: [makeSubscription({ id: 'x' })] });
    const error = await callEndpoint(LINQ_ENDPOINTS.updateSubscription, {
      params: { id: 'x' },
      body: { phone_numbers: ['1'] },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 1002, message: 'Phone number must be in E.164 format' });
  });

  it('sends JSON with a content type on writes', async () => {
    const api = installFakeApi(() => ({
      status: 201,
      body: makeCreated({ target_url: 'https://a.example' }),
    }));
    await callEndpoint(LINQ_ENDPOINTS.createSubscription, {
      body: { target_url: 'https://a.example', subscribed_events: ['message.sent'] },
    });
    const init = api.fetchMock.mock.calls[0]?.[1];
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json');
    expect(api.requests[0]).toEqual({
      method: 'POST',
      path: '/v3/webhook-subscriptions',
      body: { target_url: 'https://a.example', subscribed_events: ['message.sent'] },
    });
  });

  it('reports an answer that is not an envelope with its status, never raw HTML', async () => {
    installFakeApi(() => ({ status: 502, body: '<html>bad gateway</html>' }));
    const error = await callEndpoint(LINQ_ENDPOINTS.deleteSubscription, { params: { id: 'x' } }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ status: 502, code: undefined });
    expect((error as Error).message).not.toContain('<html>');
  });

  it('rejects a successful answer of the wrong shape as an ordinary error', async () => {
    installFakeApi(() => ({ status: 200, body: { subscriptions: 'nope' } }));
    const error = await callEndpoint(LINQ_ENDPOINTS.listSubscriptions, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
  });

  it("reads a 429's wait from Retry-After, else from the body's retry_after", async () => {
    // One request every three seconds: the second in a row meets the model's own 429.
    installFakeLinq({ faults: { rate_limit: 1 / 3 } });
    await callEndpoint(LINQ_ENDPOINTS.listEventTypes, {});
    const fromHeader = await callEndpoint(LINQ_ENDPOINTS.listEventTypes, {}).catch((e: unknown) => e);
    expect(fromHeader).toMatchObject({ status: 429, code: 1007, retryAfterMs: 3000, isRateLimited: true });

    // Linq's 429 with its Retry-After header lost on the way.
    const linq = installFakeLinq();
    linq.intercept(() => ({ ...linq.model.rateLimited(7), headers: {} }));
    const fromBody = await callEndpoint(LINQ_ENDPOINTS.listEventTypes, {}).catch((e: unknown) => e);
    expect(fromBody).toMatchObject({ status: 429, retryAfterMs: 7000 });
  });

  it("puts a floor of one second under a 429's wait, and a cap of ten minutes over it", async () => {
    // Linq's 429 as Linq never words it: a wait of nothing, spelled every way an upstream might.
    const linq = installFakeLinq();
    for (const header of ['0', '-5', 'soon', 'Wed, 21 Oct 2015 07:28:00 GMT']) {
      linq.intercept(() => ({ ...linq.model.rateLimited(0), headers: { 'Retry-After': header } }));
      const error = await callEndpoint(LINQ_ENDPOINTS.listEventTypes, {}).catch((e: unknown) => e);
      expect({ header, wait: (error as ApiError).retryAfterMs }).toEqual({ header, wait: 1000 });
    }
    linq.intercept(() => linq.model.rateLimited(86_400));
    const long = await callEndpoint(LINQ_ENDPOINTS.listEventTypes, {}).catch((e: unknown) => e);
    expect((long as ApiError).retryAfterMs).toBe(10 * 60_000);
  });
});
