import { describe, expect, it } from 'vitest';
import { eventGroup, eventLabel, groupEventTypes, groupLabel, payloadVersion, withPayloadVersion } from './event-types';

describe('eventGroup / labels', () => {
  it('takes the text before the first dot as the group', () => {
    expect(eventGroup('message.sent')).toBe('message');
    expect(eventGroup('chat.typing_indicator.started')).toBe('chat');
    expect(eventGroup('standalone')).toBe('standalone');
  });

  it('labels an event type in sentence case, without dots or underscores', () => {
    expect(eventLabel('message.sent')).toBe('Message sent');
    expect(eventLabel('chat.typing_indicator.started')).toBe('Chat typing indicator started');
    expect(eventLabel('phone_number.status_updated')).toBe('Phone number status updated');
    expect(eventLabel('invoice.paid')).toBe('Invoice paid');
  });

  it('labels known groups by name and unknown groups from their prefix', () => {
    expect(groupLabel('message')).toBe('Messages');
    expect(groupLabel('call')).toBe('Calls');
    expect(groupLabel('invoice')).toBe('Invoice');
    expect(groupLabel('billing_run')).toBe('Billing run');
  });
});

describe('groupEventTypes', () => {
  const catalog = ['message.sent', 'message.received', 'message.read', 'reaction.added', 'chat.created'];

  it('groups by prefix, documented groups in their usual order, types in catalog order', () => {
    const groups = groupEventTypes(catalog, []);
    expect(groups.map((group) => group.group)).toEqual(['message', 'reaction', 'chat']);
    expect(groups.map((group) => group.label)).toEqual(['Messages', 'Reactions', 'Chats']);
    // Catalog order, not alphabetical.
    expect(groups[0]?.types).toEqual([
      { type: 'message.sent', inCatalog: true },
      { type: 'message.received', inCatalog: true },
      { type: 'message.read', inCatalog: true },
    ]);
  });

  it('puts a carried type that the catalog lacks in its group, marked inCatalog false, after the catalog types', () => {
    const groups = groupEventTypes(catalog, ['message.sent', 'message.edited', 'call.initiated']);
    const messages = groups.find((group) => group.group === 'message');
    expect(messages?.types).toEqual([
      { type: 'message.sent', inCatalog: true },
      { type: 'message.received', inCatalog: true },
      { type: 'message.read', inCatalog: true },
      { type: 'message.edited', inCatalog: false },
    ]);
    const calls = groups.find((group) => group.group === 'call');
    expect(calls).toEqual({ group: 'call', label: 'Calls', types: [{ type: 'call.initiated', inCatalog: false }] });
    // Calls are a documented group: after chats, before anything unknown.
    expect(groups.map((group) => group.group)).toEqual(['message', 'reaction', 'chat', 'call']);
  });

  it('gives an unknown prefix its own group after the known ones, unknown groups alphabetically', () => {
    const groups = groupEventTypes(catalog, ['zebra.crossed', 'invoice.paid', 'call.initiated']);
    expect(groups.map((group) => group.group)).toEqual(['message', 'reaction', 'chat', 'call', 'invoice', 'zebra']);
    expect(groups.find((group) => group.group === 'invoice')).toEqual({
      group: 'invoice',
      label: 'Invoice',
      types: [{ type: 'invoice.paid', inCatalog: false }],
    });
  });

  it('lists each type once, even when carried twice or carried and in the catalog', () => {
    const groups = groupEventTypes(catalog, ['message.sent', 'invoice.paid', 'invoice.paid']);
    const types = groups.flatMap((group) => group.types.map((entry) => entry.type));
    expect(types).toEqual([...new Set(types)]);
    expect(types.filter((type) => type === 'invoice.paid')).toHaveLength(1);
    expect(types.filter((type) => type === 'message.sent')).toHaveLength(1);
  });

  it('returns no groups for an empty catalog and nothing carried', () => {
    expect(groupEventTypes([], [])).toEqual([]);
  });
});

describe('payloadVersion / withPayloadVersion', () => {
  it('reads the version query parameter of a target URL', () => {
    expect(payloadVersion('https://hooks.example.com/linq?version=2026-02-03')).toBe('2026-02-03');
    expect(payloadVersion('https://hooks.example.com/linq?a=1&version=2025-01-01')).toBe('2025-01-01');
  });

  it('has no version without the parameter or for text that is not a URL', () => {
    expect(payloadVersion('https://hooks.example.com/linq')).toBeUndefined();
    expect(payloadVersion('')).toBeUndefined();
    expect(payloadVersion('hooks.example.com')).toBeUndefined();
  });

  it('adds ?version=2026-02-03 by default, keeping path and other parameters', () => {
    const fixed = withPayloadVersion('https://hooks.example.com/linq?team=ops#frag');
    const url = new URL(fixed);
    expect(url.host).toBe('hooks.example.com');
    expect(url.pathname).toBe('/linq');
    expect(url.searchParams.get('team')).toBe('ops');
    expect(url.searchParams.get('version')).toBe('2026-02-03');
    expect(url.hash).toBe('#frag');
    expect(payloadVersion(fixed)).toBe('2026-02-03');
  });

  it('replaces an existing version rather than adding a second one', () => {
    const fixed = withPayloadVersion('https://hooks.example.com/linq?version=2025-01-01');
    expect(new URL(fixed).searchParams.getAll('version')).toEqual(['2026-02-03']);
  });

  it('sets a version given explicitly', () => {
    expect(payloadVersion(withPayloadVersion('https://hooks.example.com/', '2027-01-01'))).toBe('2027-01-01');
  });

  it('leaves text that is not a URL unchanged', () => {
    expect(withPayloadVersion('hooks.example.com/linq')).toBe('hooks.example.com/linq');
  });
});
