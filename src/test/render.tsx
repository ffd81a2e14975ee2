import { QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderOptions } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { SubscriptionsProvider } from '@/features/subscriptions';
import { createApiClient } from '@/lib/api-client';
import { createRecordingNotifier } from '@/lib/notifier';
import { notifyingMutationCache } from '@/lib/query-client';
import { ConsoleQueryClient, type Services } from '@/lib/services';

/**
 * The one provider set of the unit tests, the app's own but for the notifications (recorded,
 * not shown): a real API client (over the fetch the test's fake installs) and a fresh query
 * client per test, with no retries and no cache shared between tests.
 */
export function createTestServices() {
  const notifier = createRecordingNotifier();
  return { api: createApiClient(), notifier } satisfies Services;
}

export function createTestQueryClient(services: Services = createTestServices()): ConsoleQueryClient {
  return new ConsoleQueryClient(services, {
    mutationCache: notifyingMutationCache(services.notifier),
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  });
}

/** The providers a component of the console renders in (lib/services.ts, the features' own). */
export function TestProviders({ client, children }: { client: ConsoleQueryClient; children: ReactNode }) {
  return (
    <QueryClientProvider client={client}>
      <SubscriptionsProvider>{children}</SubscriptionsProvider>
    </QueryClientProvider>
  );
}

export function renderWithClient(ui: ReactElement, options: RenderOptions & { client?: ConsoleQueryClient } = {}) {
  const services = createTestServices();
  const client = options.client ?? createTestQueryClient(services);
  function Wrapper({ children }: { children: ReactNode }) {
    return <TestProviders client={client}>{children}</TestProviders>;
  }
  const notifier = client.services.notifier as ReturnType<typeof createRecordingNotifier>;
  return { client, notifier, ...render(ui, { wrapper: Wrapper, ...options }) };
}
