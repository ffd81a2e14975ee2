import { describe, expect, it } from 'vitest';
import { makeActivityEntry, makeSubscription } from '@/test/factories';
import { entryChanges, entryVerb, subscriptionChanges, versionAfter } from './journal-diff';

const before = makeSubscription({
  id: 's',
  target_url: 'https://a.example.com/in',
  subscribed_events: ['message.sent', 'message.read'],
  phone_numbers: ['+14155550123'],
});

describe('subscriptionChanges', () => {
  it('lists what changed: on/off, the URL, events and numbers added and removed', () => {
    const after = {
      ...before,
      is_active: false,
      target_url: 'https://b.example.com/in',
      subscribed_events: ['message.read', 'message.failed'],
      phone_numbers: ['+12125550188'],
    };
    expect(subscriptionChanges(before, after)).toEqual([
      { kind: 'active', before: true, after: false },
      { kind: 'url', before: 'https://a.example.com/in', after: 'https://b.example.com/in' },
      { kind: 'events', added: ['message.failed'], removed: ['message.sent'] },
      { kind: 'phones', added: ['+12125550188'], removed: ['+14155550123'], filter: 'changed' },
    ]);
  });

  it('says a phone filter was set or cleared, and finds nothing in an identical version', () => {
    expect(subscriptionChanges(before, { ...before, phone_numbers: null })).toEqual([
      { kind: 'phones', added: [], removed: ['+14155550123'], filter: 'cleared' },
    ]);
    expect(subscriptionChanges({ ...before, phone_numbers: [] }, before)[0]).toMatchObject({ filter: 'set' });
    expect(subscriptionChanges(before, { ...before })).toEqual([]);
  });
});

describe('journal entries', () => {
  it('names a toggle for what it did, and other changes plainly', () => {
    expect(entryVerb(makeActivityEntry())).toBe('turned off');
    const renamed = makeActivityEntry({ after: { ...before, target_url: 'https://c.example.com' }, before });
    expect(entryVerb(renamed)).toBe('changed');
    expect(entryVerb(makeActivityEntry({ action: 'delete', after: null }))).toBe('deleted');
  });

  it('lists a created subscription as added, a deleted one as removed', () => {
    expect(entryChanges(makeActivityEntry({ action: 'create', before: null, after: before }))).toEqual([
      { kind: 'events', added: ['message.sent', 'message.read'], removed: [] },
      { kind: 'phones', added: ['+14155550123'], removed: [], filter: 'set' },
    ]);
    expect(entryChanges(makeActivityEntry({ action: 'delete', before, after: null }))[0]).toMatchObject({
      removed: ['message.sent', 'message.read'],
    });
  });

  it('diffs a label change by its name and note', () => {
    const label = { subscription_id: 's', name: 'Billing', note: '', updated_at: 'x', updated_by: null };
    const entry = makeActivityEntry({
      action: 'label',
      before: label,
      after: { ...label, name: 'Billing EU', note: 'n' },
    });
    expect(entryChanges(entry)).toEqual([
      { kind: 'label', field: 'name', before: 'Billing', after: 'Billing EU' },
      { kind: 'label', field: 'note', before: '', after: 'n' },
    ]);
  });

  it('offers the version an ok change left behind, never a failed one, a delete or a label', () => {
    const entry = makeActivityEntry();
    expect(versionAfter(entry)).toBe(entry.after);
    expect(versionAfter(makeActivityEntry({ outcome: 'failed' }))).toBeUndefined();
    expect(versionAfter(makeActivityEntry({ action: 'delete', after: null }))).toBeUndefined();
  });
});
