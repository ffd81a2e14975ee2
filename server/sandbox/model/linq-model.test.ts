import { describe, expect, it } from 'vitest';
import { LinqModel, type LinqModelOptions } from './linq-model.ts';

/**
 * The model alone, in jsdom (this file has no node docblock): no transport, no file system, and
 * with time, ids, secrets and chance injected, the same answers every run.
 */

const SECRET = 'whsec_dGVzdC1zaWduaW5nLXNlY3JldC1vZi0zMi1ieXRlcyE=';

function model(options: Partial<LinqModelOptions> = {}) {
  let ids = 0;
  return new LinqModel({
    state: { subscriptions: [], phone_numbers: [] },
    now: () => Date.parse('2026-12-01T10:00:00.000Z'),
    newId: () => `id-${(ids += 1)}`,
    newSigningSecret: () => SECRET,
    ...options,
  });
}

const create = (linq: LinqModel, target_url: string) =>
  linq.handle({ endpoint: 'createSubscription', body: { target_url, subscribed_events: ['message.sent'] } });

describe('LinqModel', () => {
  it('answers with the injected time, id and secret, and moves updated_at forward within one millisecond', () => {
    const linq = model();
    expect(create(linq, 'https://hooks.example.com/a').answer).toEqual({
      status: 201,
      headers: {},
      body: {
        id: 'id-1',
        target_url: 'https://hooks.example.com/a',
        subscribed_events: ['message.sent'],
        phone_numbers: null,
        is_active: true,
        created_at: '2026-12-01T10:00:00.000Z',
        updated_at: '2026-12-01T10:00:00.000Z',
        signing_secret: SECRET,
      },
    });
    const updated = linq.handle({ endpoint: 'updateSubscription', id: 'id-1', body: { is_active: false } });
    expect(updated.answer.body).toMatchObject({ is_active: false, updated_at: '2026-12-01T10:00:00.001Z' });
    expect(linq.handle({ endpoint: 'getSubscription', id: 'id-1' }).answer.body).not.toHaveProperty('signing_secret');
  });

  it('takes a change back on undo, unless a later change has replaced the list since', () => {
    const linq = model();
    const first = create(linq, 'https://hooks.example.com/a');
    first.undo?.();
    expect(linq.state.subscriptions).toEqual([]);

    const second = create(linq, 'https://hooks.example.com/b');
    create(linq, 'https://hooks.example.com/c');
    second.undo?.();
    expect(linq.state.subscriptions.map((entry) => entry.target_url)).toEqual([
      'https://hooks.example.com/b',
      'https://hooks.example.com/c',
    ]);
    // A refusal changes nothing, so there is nothing to undo.
    expect(create(linq, 'https://hooks.example.com/b')).toEqual({
      answer: expect.objectContaining({ status: 409 }),
    });
  });

  it('limits the rate on the injected clock, and fails the injected share of requests', () => {
    let elapsed = 0;
    let chance = 0.4;
    const linq = model({ elapsed: () => elapsed, random: () => chance, faults: { rate_limit: 4 } });
    expect(linq.apiHeaders()).toEqual({ 'ratelimit-policy': '4;w=1' });
    expect(linq.admit('k')).toBeUndefined();
    expect(linq.admit('k')).toEqual({
      status: 429,
      headers: { 'ratelimit-policy': '4;w=1', 'retry-after': '1' },
      body: {
        error: { status: 429, code: 1007, message: 'Too many requests - rate limit exceeded. Retry after 1 s.' },
        retry_after: 1,
        success: false,
      },
    });
    elapsed += 250;
    expect(linq.admit('k')).toBeUndefined();

    expect(linq.injectedFailure()).toBeUndefined();
    linq.faults.failure_rate = 0.5;
    expect(linq.injectedFailure()?.status).toBe(500);
    chance = 0.6;
    expect(linq.injectedFailure()).toBeUndefined();
  });
});
