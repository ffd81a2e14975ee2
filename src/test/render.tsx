import { QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderOptions } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { SubscriptionsProvider } from '@/features/subscriptions';
import { createApiClient } from '@/lib/api-client';
import { createRecordingNotifier } from '@/lib/notifier';
import { createQueryClient } from '@/lib/query-client';
import type { ConsoleQueryClient } from '@/lib/services';

/**
 * The one provider set of the unit tests, the app's own but for the notifications (recorded,
 * not shown): a real API client (over the fetch the test's fake installs) and a fresh query
 * client per test, made as the app makes it, with no retries and no cache shared between tests.
 */
export function createTestServices() {
  return { api: createApiClient(), notifier: createRecordingNotifier() };
}

type TestServices = ReturnType<typeof createTestServices>;
export type TestQueryClient = ConsoleQueryClient & { services: TestServices };

export function createTestQueryClient(services: TestServices = createTestServices()): TestQueryClient {
  const client = createQueryClient(services);
  client.setDefaultOptions({ queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } });
  return client as TestQueryClient;
}

/** The providers a component of the console renders in (lib/services.ts, the features' own). */
export function TestProviders({ client, children }: { client: ConsoleQueryClient; children: ReactNode }) {
  return (
    <QueryClientProvider client={client}>
      <SubscriptionsProvider>{children}</SubscriptionsProvider>
    </QueryClientProvider>
  );
}

export function renderWithClient(ui: ReactElement, options: RenderOptions & { client?: TestQueryClient } = {}) {
  const client = options.client ?? createTestQueryClient();
  function Wrapper({ children }: { children: ReactNode }) {
    return <TestProviders client={client}>{children}</TestProviders>;
  }
  return { client, notifier: client.services.notifier, ...render(ui, { wrapper: Wrapper, ...options }) };
}
