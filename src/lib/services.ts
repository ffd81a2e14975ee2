import { QueryClient, useQueryClient, type QueryClientConfig } from '@tanstack/react-query';
import type { ApiClient } from './api-client';
import type { Notifier } from './notifier';

/**
 * The services the console's code reaches through the app's providers, never as module state:
 * the API client and the notifications. They travel with the
 * QueryClient the providers create, so a query function or a mutation reaches them from its
 * context (`client`) and a component from `useServices()`; tests create their own set.
 */
export interface Services {
  api: ApiClient;
  notifier: Notifier;
}

/** The app's QueryClient: TanStack's, carrying the services of the providers that made it. */
export class ConsoleQueryClient extends QueryClient {
  constructor(
    readonly services: Services,
    config?: QueryClientConfig,
  ) {
    super(config);
  }
}

export function servicesOf(client: QueryClient): Services {
  if (!(client instanceof ConsoleQueryClient))
    throw new Error('The console runs inside its providers (a ConsoleQueryClient, lib/query-client.ts).');
  return client.services;
}

/** The API client of a query function's or mutation's context (`client`). */
export const apiOf = (client: QueryClient): ApiClient => servicesOf(client).api;

export function useServices(): Services {
  return servicesOf(useQueryClient());
}
