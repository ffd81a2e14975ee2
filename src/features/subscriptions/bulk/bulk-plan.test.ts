import { describe, expect, it } from 'vitest';
import { makeSubscription } from '@/test/factories';
import { planBulk, planUndo } from '@contract/bulk';
import { describeAction } from './bulk-plan';

const on = makeSubscription({ id: 'on', target_url: 'https://hooks.acme.com/a', is_active: true });
const off = makeSubscription({ id: 'off', target_url: 'https://hooks.acme.com/b', is_active: false });
const both = makeSubscription({
  id: 'both',
  target_url: 'https://other.example.com/c',
  subscribed_events: ['message.sent', 'message.failed'],
});

describe('planBulk', () => {
  it('turns off only what is on: the rest is skipped, never written again', () => {
    const plan = planBulk({ kind: 'turn-off' }, [on, off]);
    expect(plan.writes).toEqual([
      { id: 'on', targetUrl: on.target_url, body: { is_active: false }, undo: { is_active: true } },
    ]);
    expect(plan.skipped).toEqual(['off']);
  });

  it('adds event types to those missing any of them, keeping their order', () => {
    const plan = planBulk({ kind: 'add-events', types: ['message.failed', 'message.read'] }, [on, both]);
    expect(plan.writes.map((write) => write.body)).toEqual([
      { subscribed_events: ['message.sent', 'message.failed', 'message.read'] },
      { subscribed_events: ['message.sent', 'message.failed', 'message.read'] },
    ]);
    expect(planBulk({ kind: 'add-events', types: ['message.sent'] }, [on, both]).skipped).toEqual(['on', 'both']);
  });

  it('removes event types from those that have them, and refuses to leave one with none', () => {
    const plan = planBulk({ kind: 'remove-events', types: ['message.sent'] }, [on, both, off]);
    expect(plan.writes).toEqual([
      {
        id: 'both',
        targetUrl: both.target_url,
        body: { subscribed_events: ['message.failed'] },
        undo: { subscribed_events: ['message.sent', 'message.failed'] },
      },
    ]);
    expect(plan.refused.map((entry) => entry.id)).toEqual(['on', 'off']);
    expect(plan.refused[0]?.reason).toMatch(/no event types/);
  });

  it('deletes everything selected, with nothing to undo', () => {
    const plan = planBulk({ kind: 'delete' }, [on, off]);
    expect(plan.writes.map((write) => [write.id, write.body, write.undo])).toEqual([
      ['on', undefined, undefined],
      ['off', undefined, undefined],
    ]);
    expect(planUndo(plan, new Set(['on', 'off']))).toEqual([]);
  });
});

describe('planUndo', () => {
  it('puts back the previous value of exactly the writes that were done', () => {
    const plan = planBulk({ kind: 'turn-on' }, [off, makeSubscription({ id: 'off2', is_active: false })]);
    expect(planUndo(plan, new Set(['off']))).toEqual([
      { id: 'off', targetUrl: off.target_url, body: { is_active: false }, undo: { is_active: true } },
    ]);
  });
});

describe('describeAction', () => {
  it('names the count, what changes and the host (or the number of hosts)', () => {
    const many = Array.from({ length: 1667 }, (_, index) =>
      makeSubscription({ target_url: `https://hooks.acme.com/${index}` }),
    );
    expect(describeAction({ kind: 'turn-off' }, many)).toBe('Turn off 1,667 subscriptions to hooks.acme.com');
    expect(describeAction({ kind: 'delete' }, [on, both])).toBe('Delete 2 subscriptions to 2 hosts');
    expect(describeAction({ kind: 'add-events', types: ['message.failed'] }, [on])).toBe(
      'Add message.failed to 1 subscription to hooks.acme.com',
    );
  });
});
