import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from '@/components/error-boundary';
import { scheduleCacheNotifications } from '@/lib/query-client';
import { App } from './app';
import { AppError } from './app-error';
import { Providers } from './providers';
import './index.css';

scheduleCacheNotifications();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary fallback={(error) => <AppError error={error} />}>
      <Providers>
        <App />
      </Providers>
    </ErrorBoundary>
  </StrictMode>,
);
