import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Toaster, toastNotifier } from '@/components/ui/toaster';
import { SubscriptionsProvider } from '@/features/subscriptions';
import { createApiClient } from '@/lib/api-client';
import { createQueryClient } from '@/lib/query-client';
import type { Services } from '@/lib/services';

/** The console's services, made once per page: the API client (with its pacing) and toasts. */
export function createAppServices(): Services {
  return { api: createApiClient(), notifier: toastNotifier };
}

/**
 * Everything the console's code reaches through React rather than module state: the query
 * client carrying the services (lib/services.ts), the features' own (the bulk job), the toasters.
 */
export function Providers({ children, services }: { children: ReactNode; services?: Services }) {
  const [queryClient] = useState(() => createQueryClient(services ?? createAppServices()));
  return (
    <QueryClientProvider client={queryClient}>
      <SubscriptionsProvider>{children}</SubscriptionsProvider>
      <Toaster />
    </QueryClientProvider>
  );
}
