import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Toaster } from '@/components/ui/toaster';
import { SubscriptionsPage } from '@/features/subscriptions/components/subscriptions-page';
import { createQueryClient } from '@/lib/query-client';
import './index.css';

const queryClient = createQueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SubscriptionsPage />
      <Toaster />
    </QueryClientProvider>
  </StrictMode>,
);
