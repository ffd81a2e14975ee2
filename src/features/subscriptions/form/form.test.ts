import { describe, expect, it } from 'vitest';
import type { Subscription } from '@contract/schemas';
import {
  changedFields,
  changedLabel,
  createBody,
  fieldForServerError,
  subscriptionFormSchema,
  targetUrlProblem,
  toFormValues,
  type SubscriptionFormValues,
} from './form';
import { makeSubscription } from '@/test/factories';

const original = makeSubscription({
  id: 'sub-1',
  target_url: 'https://hooks.example.com/linq',
  subscribed_events: ['message.sent', 'message.received', 'invoice.paid'],
  phone_numbers: ['+14155550100', '+442079460958'],
  is_active: true,
  updated_at: '2026-01-02T00:00:00.000Z',
});

const display = (e164: string) => `display ${e164}`;

function valuesOf(subscription: Subscription, overrides: Partial<SubscriptionFormValues> = {}): SubscriptionFormValues {
  return { ...toFormValues(subscription, display), ...overrides };
}

describe('toFormValues', () => {
  it('turns a subscription into form values, phones as valid entries with their display text', () => {
    expect(toFormValues(original, display)).toEqual({
      target_url: 'https://hooks.example.com/linq',
      is_active: true,
      subscribed_events: ['message.sent', 'message.received', 'invoice.paid'],
      phone_numbers: [
        { kind: 'valid', e164: '+14155550100', display: 'display +14155550100' },
        { kind: 'valid', e164: '+442079460958', display: 'display +442079460958' },
      ],
      label: { name: '', note: '' },
    });
    expect(toFormValues(original, display, { name: 'Billing', note: 'Ops' }).label).toEqual({
      name: 'Billing',
      note: 'Ops',
    });
  });

  it('gives empty values for a new subscription', () => {
    expect(toFormValues(undefined, display)).toEqual({
      target_url: '',
      is_active: true,
      subscribed_events: [],
      phone_numbers: [],
      label: { name: '', note: '' },
    });
  });

  it('copies the event list so editing the form never changes the subscription', () => {
    const values = toFormValues(original, display);
    values.subscribed_events.push('chat.created');
    expect(original.subscribed_events).toHaveLength(3);
  });
});

describe('changedFields', () => {
  it('is empty when nothing changed', () => {
    expect(changedFields(original, valuesOf(original))).toEqual({});
  });

  it('sends only the target URL when only it changed, trimmed', () => {
    expect(changedFields(original, valuesOf(original, { target_url: '  https://new.example.com/in  ' }))).toEqual({
      target_url: 'https://new.example.com/in',
    });
  });

  it('does not count surrounding whitespace as a change of the URL', () => {
    expect(changedFields(original, valuesOf(original, { target_url: ' https://hooks.example.com/linq\n' }))).toEqual(
      {},
    );
  });

  it('does not count a different order of event types as a change', () => {
    expect(
      changedFields(
        original,
        valuesOf(original, { subscribed_events: ['invoice.paid', 'message.received', 'message.sent'] }),
      ),
    ).toEqual({});
  });

  it('sends the whole event list, including types outside the catalog, when one is added or removed', () => {
    expect(
      changedFields(original, valuesOf(original, { subscribed_events: ['message.sent', 'invoice.paid'] })),
    ).toEqual({
      subscribed_events: ['message.sent', 'invoice.paid'],
    });
    expect(
      changedFields(
        original,
        valuesOf(original, { subscribed_events: [...original.subscribed_events, 'chat.created'] }),
      ),
    ).toEqual({
      subscribed_events: ['message.sent', 'message.received', 'invoice.paid', 'chat.created'],
    });
  });

  it('sends is_active only when it changed', () => {
    expect(changedFields(original, valuesOf(original, { is_active: false }))).toEqual({ is_active: false });
  });

  it('sends phone_numbers: [] when the phone filter is cleared', () => {
    expect(changedFields(original, valuesOf(original, { phone_numbers: [] }))).toEqual({ phone_numbers: [] });
  });

  it('does not count a different order of phone numbers as a change', () => {
    const reversed = [...valuesOf(original).phone_numbers].reverse();
    expect(changedFields(original, valuesOf(original, { phone_numbers: reversed }))).toEqual({});
  });

  it('sends the E.164 numbers when the phone filter changed', () => {
    const values = valuesOf(original, {
      phone_numbers: [{ kind: 'valid', e164: '+12125550188', display: '+1 212 555 0188' }],
    });
    expect(changedFields(original, values)).toEqual({ phone_numbers: ['+12125550188'] });
  });

  it('treats a subscription without a phone filter (null or absent) like an empty one', () => {
    expect(changedFields({ ...original, phone_numbers: null }, valuesOf(original, { phone_numbers: [] }))).toEqual({});
    expect(changedFields({ ...original, phone_numbers: undefined }, valuesOf(original, { phone_numbers: [] }))).toEqual(
      {},
    );
  });

  it('sends several changed fields together and nothing else', () => {
    const body = changedFields(
      original,
      valuesOf(original, { target_url: 'https://b.example.com', is_active: false, phone_numbers: [] }),
    );
    expect(body).toEqual({ target_url: 'https://b.example.com', is_active: false, phone_numbers: [] });
  });
});

describe('createBody', () => {
  it('sends the trimmed URL and events, without phone_numbers when there is no filter', () => {
    const body = createBody({
      target_url: ' https://a.example.com/x ',
      is_active: true,
      subscribed_events: ['message.sent'],
      phone_numbers: [],
      label: { name: '', note: '' },
    });
    expect(body).toEqual({ target_url: 'https://a.example.com/x', subscribed_events: ['message.sent'] });
    expect(body).not.toHaveProperty('phone_numbers');
  });

  it('sends the phone filter as E.164 and never sends is_active', () => {
    const body = createBody({
      target_url: 'https://a.example.com/x',
      is_active: false,
      subscribed_events: ['message.sent'],
      phone_numbers: [{ kind: 'valid', e164: '+14155550100', display: '+1 415 555 0100' }],
      label: { name: 'Billing', note: '' },
    });
    expect(body).toEqual({
      target_url: 'https://a.example.com/x',
      subscribed_events: ['message.sent'],
      phone_numbers: ['+14155550100'],
    });
  });
});

describe('targetUrlProblem', () => {
  it('accepts an HTTPS URL', () => {
    expect(targetUrlProblem('https://hooks.example.com/linq?version=2026-02-03')).toBeUndefined();
  });

  it('leaves an empty value to the "required" message', () => {
    expect(targetUrlProblem('')).toBeUndefined();
  });

  it('rejects http with a message naming https', () => {
    const problem = targetUrlProblem('http://hooks.example.com/linq');
    expect(problem).toBeDefined();
    expect(problem).toMatch(/https/i);
    expect(problem).toContain('http://');
  });

  it('rejects a scheme with no https twin in its own terms, not as "javascript://"', () => {
    const problem = targetUrlProblem('javascript:alert(1)');
    expect(problem).toBe(
      'Linq delivers only to HTTPS URLs, starting with https://; a javascript: URL cannot receive webhooks.',
    );
  });

  it('rejects a URL with a space, saying how to write one', () => {
    expect(targetUrlProblem('https://hooks.example.com/my hook')).toBe(
      'The URL contains a space: remove it, or write it as %20.',
    );
  });

  it('rejects text that is not a full URL', () => {
    expect(targetUrlProblem('hooks.example.com/linq')).toMatch(/https:\/\//);
  });

  it('rejects a URL with credentials', () => {
    expect(targetUrlProblem('https://user:secret@hooks.example.com/')).toMatch(/user name and password/i);
  });

  it('holds the sandbox’s rules too: length and control characters', () => {
    expect(targetUrlProblem(`https://hooks.example.com/${'a'.repeat(2048)}`)).toMatch(/2,048 characters/);
    expect(targetUrlProblem('https://hooks.example.com/a\tb')).toMatch(/control character/);
  });
});

describe('subscriptionFormSchema', () => {
  const good: SubscriptionFormValues = {
    target_url: 'https://a.example.com',
    is_active: true,
    subscribed_events: ['message.sent'],
    phone_numbers: [],
    label: { name: '', note: '' },
  };

  it('accepts good values', () => {
    expect(subscriptionFormSchema.safeParse(good).success).toBe(true);
  });

  it('rejects an empty URL, an http URL, no event types and an invalid phone entry, with messages', () => {
    const messages = (values: SubscriptionFormValues) => {
      const result = subscriptionFormSchema.safeParse(values);
      return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    };
    expect(messages({ ...good, target_url: '   ' })).toEqual([
      expect.stringMatching(/^target_url: Enter the target URL/),
    ]);
    expect(messages({ ...good, target_url: 'http://a.example.com' })).toEqual([
      expect.stringMatching(/^target_url: .*https/),
    ]);
    expect(messages({ ...good, subscribed_events: [] })).toEqual([
      expect.stringMatching(/^subscribed_events: Choose at least one/),
    ]);
    expect(messages({ ...good, phone_numbers: [{ kind: 'invalid', input: 'x1', reason: 'nope' }] })).toEqual([
      expect.stringMatching(/^phone_numbers: Fix or remove/),
    ]);
  });
});

describe('fieldForServerError', () => {
  it('puts code 1002 beside the phone numbers, whatever its words', () => {
    expect(fieldForServerError(400, 1002)).toBe('phone_numbers');
  });

  it('puts a 409 beside the target URL', () => {
    expect(fieldForServerError(409, 2006)).toBe('target_url');
    expect(fieldForServerError(409, undefined)).toBe('target_url');
  });

  it('names no field for an undocumented code: the message is shown for the whole request, never parsed', () => {
    expect(fieldForServerError(400, 1001)).toBeUndefined();
    expect(fieldForServerError(400, undefined)).toBeUndefined();
  });
});

describe('the label (name and note)', () => {
  it('is sent when it changed, trimmed, and not when it did not', () => {
    const values = valuesOf(original, {});
    expect(changedLabel(undefined, values)).toBeUndefined();
    expect(changedLabel(undefined, { ...values, label: { name: ' Billing ', note: '' } })).toEqual({
      name: 'Billing',
      note: '',
    });
    expect(
      changedLabel({ name: 'Billing', note: '' }, { ...values, label: { name: 'Billing ', note: '' } }),
    ).toBeUndefined();
    // Emptied: sent as empty, which removes it.
    expect(changedLabel({ name: 'Billing', note: 'x' }, { ...values, label: { name: '', note: '' } })).toEqual({
      name: '',
      note: '',
    });
  });

  it('keeps the name and the note within their limits', () => {
    const values = valuesOf(original, {});
    const long = subscriptionFormSchema.safeParse({ ...values, label: { name: 'n'.repeat(81), note: '' } });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe('Keep the name to 80 characters.');
    expect(subscriptionFormSchema.safeParse({ ...values, label: { name: '', note: 'n'.repeat(2001) } }).success).toBe(
      false,
    );
  });
});
