import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from '@/components/error-boundary';
import { Toaster } from '@/components/ui/toaster';
import { SubscriptionsPage } from '@/features/subscriptions/components/subscriptions-page';
import { createQueryClient } from '@/lib/query-client';
import { AppError } from './app-error';
import './index.css';
import { UpstreamBadge } from './upstream-badge';

const queryClient = createQueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary fallback={(error) => <AppError error={error} />}>
      <QueryClientProvider client={queryClient}>
        <SubscriptionsPage headerStatus={<UpstreamBadge />} />
        <Toaster />
      </QueryClientProvider>
    </ErrorBoundary>
  </StrictMode>,
);
