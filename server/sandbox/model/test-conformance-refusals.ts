import { BadRequestError, ConflictError, InternalServerError, NotFoundError, RateLimitError } from '@linqapp/sdk';
import { describe, expect, it } from 'vitest';
import {
  anyExisting,
  apiError,
  BAD_PHONE,
  badRequest,
  CONFLICT,
  expectApiError,
  expectLinq429,
  INTERNAL,
  NOT_FOUND,
  type OpenTarget,
} from './test-conformance-kit.ts';

/** What Linq refuses, and how, through the SDK: validation, conflicts, unknown ids, faults. */
export function describeRefusals(open: OpenTarget): void {
  describe('errors through the SDK', () => {
    it('rejects phone numbers that are not E.164 with 400/1002', async () => {
      const { client } = await open();
      for (const phone of ['4155550123', '+1 415 555 0123', '+1415555012a', '+0123456789', '+11234567890', '']) {
        await expectApiError(
          client.webhookSubscriptions.create({
            target_url: 'https://example.com/hooks/bad-phone',
            subscribed_events: ['message.sent'],
            phone_numbers: [phone],
          }),
          BadRequestError,
          BAD_PHONE,
        );
      }
      const existing = await anyExisting(client);
      await expectApiError(
        client.webhookSubscriptions.update(existing.id, { phone_numbers: ['+14155550123', '555-0123'] }),
        BadRequestError,
        BAD_PHONE,
      );
      expect(await client.webhookSubscriptions.retrieve(existing.id)).toEqual(existing);
    });

    it('rejects a bad target_url, unknown event types and an empty event list with 400', async () => {
      const { client } = await open();
      const create = (body: { target_url: string; subscribed_events: string[] }) =>
        client.webhookSubscriptions.create(body as Parameters<typeof client.webhookSubscriptions.create>[0]);
      const before = await client.webhookSubscriptions.list();
      const refusals: Array<[{ target_url: string; subscribed_events: string[] }, string]> = [
        [
          { target_url: 'http://example.com/hooks', subscribed_events: ['message.sent'] },
          'target_url must be an HTTPS URL',
        ],
        [
          { target_url: 'ftp://example.com/hooks', subscribed_events: ['message.sent'] },
          'target_url must be an HTTPS URL',
        ],
        [{ target_url: 'not-a-url', subscribed_events: ['message.sent'] }, 'target_url must be a valid URL'],
        [
          { target_url: 'https://example.com/my hook', subscribed_events: ['message.sent'] },
          'target_url must not contain spaces',
        ],
        [{ target_url: '', subscribed_events: ['message.sent'] }, 'target_url is required'],
        [
          { target_url: 'https://user:pass@example.com/hooks', subscribed_events: ['message.sent'] },
          'target_url must be an HTTPS URL with a host and no credentials',
        ],
        [
          { target_url: 'https://example.com/hooks', subscribed_events: ['message.sent', 'message.exploded'] },
          'Invalid event type: "message.exploded"',
        ],
        [
          { target_url: 'https://example.com/hooks', subscribed_events: [] },
          'subscribed_events must contain at least one event type',
        ],
      ];
      for (const [body, message] of refusals) await expectApiError(create(body), BadRequestError, badRequest(message));

      const existing = before.subscriptions[0];
      if (!existing) throw new Error('the stand-in holds no subscription');
      const update = (body: object) => client.webhookSubscriptions.update(existing.id, body as never);
      await expectApiError(
        update({ target_url: 'http://example.com/plain' }),
        BadRequestError,
        badRequest('target_url must be an HTTPS URL'),
      );
      await expectApiError(
        update({ subscribed_events: [] }),
        BadRequestError,
        badRequest('subscribed_events must contain at least one event type'),
      );
      await expectApiError(
        update({ subscribed_events: ['nope.never'] }),
        BadRequestError,
        badRequest('Invalid event type: "nope.never"'),
      );
      expect(await client.webhookSubscriptions.list()).toEqual(before);
    });

    it('answers 409 for a target_url already in use, on create and on update', async () => {
      const { client } = await open();
      const a = await client.webhookSubscriptions.create({
        target_url: 'https://example.com/hooks/a',
        subscribed_events: ['message.sent'],
      });
      const b = await client.webhookSubscriptions.create({
        target_url: 'https://example.com/hooks/b',
        subscribed_events: ['message.sent'],
      });
      await expectApiError(
        client.webhookSubscriptions.create({ target_url: a.target_url, subscribed_events: ['message.read'] }),
        ConflictError,
        CONFLICT,
      );
      await expectApiError(
        client.webhookSubscriptions.update(b.id, { target_url: a.target_url }),
        ConflictError,
        CONFLICT,
      );
      // One held from the start counts too.
      const held = (await client.webhookSubscriptions.list()).subscriptions.find(
        (entry) => entry.id !== a.id && entry.id !== b.id,
      );
      if (!held) throw new Error('the stand-in holds no subscription');
      await expectApiError(
        client.webhookSubscriptions.create({ target_url: held.target_url, subscribed_events: ['message.sent'] }),
        ConflictError,
        CONFLICT,
      );
      // A failed update changes nothing.
      const { signing_secret: _secret, ...bOnWire } = b;
      expect(await client.webhookSubscriptions.retrieve(b.id)).toEqual(bOnWire);
    });

    it('counts a URL that differs only in host case, a default port or a fragment as the same one (contract/rules.ts)', async () => {
      const { client } = await open();
      const a = await client.webhookSubscriptions.create({
        target_url: 'https://example.com/hooks/same?v=1',
        subscribed_events: ['message.sent'],
      });
      for (const spelling of [
        'https://EXAMPLE.com/hooks/same?v=1',
        'https://example.com:443/hooks/same?v=1',
        'https://example.com/hooks/same?v=1#part',
      ]) {
        await expectApiError(
          client.webhookSubscriptions.create({ target_url: spelling, subscribed_events: ['message.sent'] }),
          ConflictError,
          CONFLICT,
        );
      }
      // The path and the query are the endpoint's own: another case there is another URL.
      const other = await client.webhookSubscriptions.create({
        target_url: 'https://example.com/Hooks/same?v=1',
        subscribed_events: ['message.sent'],
      });
      expect(other.id).not.toBe(a.id);
    });

    it('answers 404/2001 for an unknown id', async () => {
      const { client } = await open();
      const unknown = '00000000-0000-4000-8000-000000000000';
      await expectApiError(client.webhookSubscriptions.retrieve(unknown), NotFoundError, NOT_FOUND);
      await expectApiError(client.webhookSubscriptions.update(unknown, { is_active: true }), NotFoundError, NOT_FOUND);
      await expectApiError(client.webhookSubscriptions.delete(unknown), NotFoundError, NOT_FOUND);
      await expectApiError(client.webhookSubscriptions.retrieve('not-a-uuid'), NotFoundError, NOT_FOUND);
    });
  });

  describe('faults through the SDK', () => {
    it('answers 500/3006 on every endpoint while failure_rate is 1, and applies none of it', async () => {
      const { client, faults } = await open();
      const before = await client.webhookSubscriptions.list();
      const existing = await anyExisting(client);
      faults.failure_rate = 1;
      await expectApiError(client.webhookSubscriptions.list(), InternalServerError, INTERNAL);
      await expectApiError(
        client.webhookSubscriptions.create({
          target_url: 'https://example.com/fail',
          subscribed_events: ['message.sent'],
        }),
        InternalServerError,
        INTERNAL,
      );
      await expectApiError(
        client.webhookSubscriptions.update(existing.id, { is_active: false }),
        InternalServerError,
        INTERNAL,
      );
      await expectApiError(client.webhookSubscriptions.delete(existing.id), InternalServerError, INTERNAL);
      await expectApiError(client.webhookSubscriptions.retrieve(existing.id), InternalServerError, INTERNAL);
      await expectApiError(client.webhookEvents.list(), InternalServerError, INTERNAL);
      await expectApiError(client.phoneNumbers.list(), InternalServerError, INTERNAL);
      faults.failure_rate = 0;
      expect(await client.webhookSubscriptions.list()).toEqual(before);
    });

    it("answers Linq's 429 past the rate limit, announces the limit, and applies nothing", async () => {
      const { client, faults } = await open();
      const before = await client.webhookSubscriptions.list();
      // One request every two seconds, a burst of one: the second of two in a row is over the limit.
      faults.rate_limit = 0.5;
      const { response } = await client.webhookEvents.list().withResponse();
      expect(response.headers.get('ratelimit-policy')).toBe('0.5;w=1');
      const limited = await apiError(
        client.webhookSubscriptions.create({
          target_url: 'https://example.com/limited',
          subscribed_events: ['message.sent'],
        }),
      );
      expect(limited).toBeInstanceOf(RateLimitError);
      expectLinq429(limited);
      expect(limited.headers?.get('ratelimit-policy')).toBe('0.5;w=1');
      faults.rate_limit = 0;
      expect(await client.webhookSubscriptions.list()).toEqual(before);
    });
  });
}
