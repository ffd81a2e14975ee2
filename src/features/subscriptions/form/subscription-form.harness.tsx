import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import type { Subscription } from '@contract/schemas';
import type { RecordedRequest } from '@/test/fake-api';
import { makeCatalog, makeSubscription } from '@/test/factories';
import { envelope, installFakeLinq, type FakeLinqRequest } from '@/test/fake-linq';
import { renderWithClient } from '@/test/render';
import { SubscriptionForm } from './subscription-form';

/**
 * The drawer form's test harness, shared by its two test files (editing; conflicts, the payload
 * version and creating): a fake Linq holding one subscription, and the form rendered on it.
 */

export const PATH = '/v3/webhook-subscriptions/sub-1';
export const catalog = ['message.sent', 'message.received', 'message.edited', 'reaction.added'];

export const subscription = makeSubscription({
  id: 'sub-1',
  target_url: 'https://hooks.example.com/linq',
  phone_numbers: ['+14155550100'],
  updated_at: '2026-01-02T00:00:00.000Z',
});

export interface ServerOptions {
  /** What the server holds (the fresh copy Save compares against). */
  current?: Subscription;
  /** What PUT answers; by default the fake applies the body. */
  put?: (request: FakeLinqRequest) => ReturnType<typeof envelope>;
}

/** The fake Linq holding one subscription. */
export function fakeServer({ current = subscription, put }: ServerOptions = {}) {
  const linq = installFakeLinq({ subscriptions: [current], catalog: makeCatalog(catalog) });
  if (put) linq.intercept((request) => (request.endpoint === 'updateSubscription' ? put(request) : undefined));
  return linq;
}

export function renderForm(props: { subscription?: Subscription; lines?: string[] } = {}) {
  const user = userEvent.setup({ delay: null });
  const handlers = {
    onDirtyChange: vi.fn(),
    onSaved: vi.fn(),
    onCreated: vi.fn(),
    onCancel: vi.fn(),
    onDelete: vi.fn(),
  };
  const result = renderWithClient(
    <SubscriptionForm
      subscription={'subscription' in props ? props.subscription : subscription}
      catalog={catalog}
      lines={(props.lines ?? []).map((phone_number, index) => ({ id: `line-${index}`, phone_number }))}
      {...handlers}
    />,
  );
  return {
    user,
    ...handlers,
    ...result,
    urlInput: () => screen.getByRole('textbox', { name: 'Target URL' }),
    /** Clears the URL and pastes the new one: one change instead of a keystroke per character. */
    replaceUrl: async (text: string) => {
      const input = screen.getByRole('textbox', { name: 'Target URL' });
      await user.clear(input);
      await user.paste(text);
    },
    phoneInput: () => screen.getByRole('textbox', { name: 'Phone numbers' }),
    saveButton: () => screen.getByRole('button', { name: /^(Save changes|Create subscription|Saving…)$/ }),
  };
}

export const writes = (requests: RecordedRequest[]) => requests.filter((request) => request.method !== 'GET');
/** What went to Linq (the console's own endpoints, session and history, are read beside them). */
export const linqRequests = (requests: RecordedRequest[]) =>
  requests.filter((request) => request.path.startsWith('/v3/'));
