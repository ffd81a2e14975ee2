import { NotFoundError } from '@linqapp/sdk';
import { describe, expect, it, vi } from 'vitest';
import { isSigningSecret } from '../../../contract/rules.ts';
import {
  anyExisting,
  expectApiError,
  ms,
  NOT_FOUND,
  type OpenTarget,
  type WebhookSubscription,
} from './test-conformance-kit.ts';

/** Create, retrieve, update and delete through the SDK, as Linq answers them. */
export function describeWrites(open: OpenTarget): void {
  describe('create, retrieve, update, delete', () => {
    it('creates with 201 and a Standard Webhooks secret that is never sent again', async () => {
      const { client } = await open();
      const body = {
        target_url: 'https://example.com/hooks/new',
        subscribed_events: ['message.sent' as const, 'message.received' as const],
        phone_numbers: ['+14155550123'],
      };
      const { data: created, response } = await client.webhookSubscriptions.create(body).withResponse();
      expect(response.status).toBe(201);
      expect(created).toMatchObject({ ...body, is_active: true });
      expect(created.created_at).toBe(created.updated_at);
      expect(Math.abs(ms(created.created_at) - Date.now())).toBeLessThan(60_000);

      expect(isSigningSecret(created.signing_secret)).toBe(true);
      const encoded = created.signing_secret.slice('whsec_'.length);
      const secretBytes = atob(encoded);
      expect(secretBytes.length).toBeGreaterThanOrEqual(24);
      expect(btoa(secretBytes)).toBe(encoded);

      const retrieved = await client.webhookSubscriptions.retrieve(created.id);
      expect(retrieved).not.toHaveProperty('signing_secret');
      const { signing_secret: _secret, ...withoutSecret } = created;
      expect(retrieved).toEqual(withoutSecret);

      const { subscriptions } = await client.webhookSubscriptions.list();
      expect(subscriptions.find((entry) => entry.id === created.id)).toEqual(withoutSecret);
      for (const entry of subscriptions) expect(entry).not.toHaveProperty('signing_secret');

      // Not anywhere in the raw answers either, and updates do not echo it.
      const updated = client.webhookSubscriptions.update(created.id, { is_active: false }).asResponse();
      for (const response of [
        await client.webhookSubscriptions.list().asResponse(),
        await client.webhookSubscriptions.retrieve(created.id).asResponse(),
        await updated,
      ]) {
        const text = await response.text();
        expect(text).not.toContain('signing_secret');
        expect(text).not.toContain(encoded);
      }

      // Each subscription gets its own secret.
      const second = await client.webhookSubscriptions.create({
        target_url: 'https://example.com/hooks/second',
        subscribed_events: ['message.sent'],
      });
      expect(second.signing_secret).not.toBe(created.signing_secret);
      expect(second.phone_numbers ?? null).toBeNull();
    });

    it('accepts SDK event types the catalog does not list, and drops duplicates', async () => {
      const { client } = await open();
      const created = await client.webhookSubscriptions.create({
        target_url: 'https://example.com/hooks/calls',
        subscribed_events: ['call.ringing', 'location.sharing.started', 'call.ringing'],
      });
      expect(created.subscribed_events).toEqual(['call.ringing', 'location.sharing.started']);
    });

    it('updates each field on its own, leaves the others untouched, and moves updated_at forward every time', async () => {
      const { client } = await open();
      const created = await client.webhookSubscriptions.create({
        target_url: 'https://example.com/hooks/partial',
        subscribed_events: ['message.sent', 'call.ended'],
        phone_numbers: ['+14155550123'],
      });
      const { signing_secret: _secret, ...start } = created;

      const changes: Array<Partial<WebhookSubscription>> = [
        { is_active: false },
        { target_url: 'https://example.com/hooks/partial?version=2026-02-03' },
        { subscribed_events: ['message.edited', 'reaction.added'] },
        { phone_numbers: ['+12125550188', '+442079460123'] },
        { is_active: true },
      ];
      let previous: WebhookSubscription = start;
      for (const change of changes) {
        const updated = await client.webhookSubscriptions.update(created.id, change);
        expect(updated).toEqual({ ...previous, ...change, updated_at: updated.updated_at });
        expect(ms(updated.updated_at)).toBeGreaterThan(ms(previous.updated_at));
        expect(updated.created_at).toBe(created.created_at);
        expect(await client.webhookSubscriptions.retrieve(created.id)).toEqual(updated);
        previous = updated;
      }

      // An empty update changes nothing, not even updated_at.
      expect(await client.webhookSubscriptions.update(created.id, {})).toEqual(previous);
      // Keeping its own target_url is not a conflict.
      const same = await client.webhookSubscriptions.update(created.id, { target_url: previous.target_url });
      expect(same.target_url).toBe(previous.target_url);
    });

    it('keeps updated_at strictly increasing for changes within the same millisecond', async () => {
      const { client } = await open();
      const created = await client.webhookSubscriptions.create({
        target_url: 'https://example.com/hooks/same-ms',
        subscribed_events: ['message.sent'],
      });

      // Freeze the clock: every change below happens "in the same millisecond".
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now());
      const first = await client.webhookSubscriptions.update(created.id, { is_active: false });
      const second = await client.webhookSubscriptions.update(created.id, { is_active: true });
      const [third, fourth] = await Promise.all([
        client.webhookSubscriptions.update(created.id, { subscribed_events: ['message.read'] }),
        client.webhookSubscriptions.update(created.id, { phone_numbers: ['+14155550123'] }),
      ]);
      vi.useRealTimers();

      const stamps = [created, first, second].map((entry) => ms(entry.updated_at));
      expect(stamps[1]).toBeGreaterThan(stamps[0] ?? Infinity);
      expect(stamps[2]).toBeGreaterThan(stamps[1] ?? Infinity);
      const concurrent = [ms(third.updated_at), ms(fourth.updated_at)];
      expect(new Set(concurrent).size).toBe(2);
      expect(Math.min(...concurrent)).toBeGreaterThan(stamps[2] ?? Infinity);

      const final = await client.webhookSubscriptions.retrieve(created.id);
      expect(final).toMatchObject({
        is_active: true,
        subscribed_events: ['message.read'],
        phone_numbers: ['+14155550123'],
      });
      expect(ms(final.updated_at)).toBe(Math.max(...concurrent));
    });

    it('clears the phone filter with [] and with null', async () => {
      const { client } = await open();
      const created = await client.webhookSubscriptions.create({
        target_url: 'https://example.com/hooks/phones',
        subscribed_events: ['message.sent'],
        phone_numbers: ['+14155550123'],
      });
      const viaEmpty = await client.webhookSubscriptions.update(created.id, { phone_numbers: [] });
      expect(viaEmpty.phone_numbers ?? []).toEqual([]);
      expect(viaEmpty.subscribed_events).toEqual(['message.sent']);

      const refiltered = await client.webhookSubscriptions.update(created.id, { phone_numbers: ['+12125550188'] });
      expect(refiltered.phone_numbers).toEqual(['+12125550188']);

      const viaNull = await client.webhookSubscriptions.update(created.id, { phone_numbers: null });
      expect(viaNull.phone_numbers ?? []).toEqual([]);
      expect((await client.webhookSubscriptions.retrieve(created.id)).phone_numbers ?? []).toEqual([]);

      // Creating with an empty filter means every number as well.
      const unfiltered = await client.webhookSubscriptions.create({
        target_url: 'https://example.com/hooks/all',
        subscribed_events: ['message.sent'],
        phone_numbers: [],
      });
      expect(unfiltered.phone_numbers ?? []).toEqual([]);
    });

    it('deletes with 204; the subscription is gone and a second delete is 404', async () => {
      const { client } = await open();
      const before = (await client.webhookSubscriptions.list()).subscriptions;
      const victim = await anyExisting(client);

      const { response } = await client.webhookSubscriptions.delete(victim.id).withResponse();
      expect(response.status).toBe(204);
      expect(await response.text()).toBe('');

      await expectApiError(client.webhookSubscriptions.retrieve(victim.id), NotFoundError, NOT_FOUND);
      await expectApiError(client.webhookSubscriptions.delete(victim.id), NotFoundError, NOT_FOUND);
      await expectApiError(
        client.webhookSubscriptions.update(victim.id, { is_active: false }),
        NotFoundError,
        NOT_FOUND,
      );
      const after = (await client.webhookSubscriptions.list()).subscriptions;
      expect(after).toEqual(before.filter((entry) => entry.id !== victim.id));

      // Its target_url is free again.
      const reused = await client.webhookSubscriptions.create({
        target_url: victim.target_url,
        subscribed_events: ['message.sent'],
      });
      expect(reused.id).not.toBe(victim.id);
    });
  });
}
