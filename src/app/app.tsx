import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { SubscriptionsPage, useKnownUrlOf } from '@/features/subscriptions';
import { ApiError } from '@/lib/api-client';
import { sessionQuery } from '@/lib/session';
import { AppBar } from './app-bar';
import { NoAccess } from './no-access';
import { navigate, useRoute } from './router';

const ActivityPage = lazy(() => import('@/features/activity').then((module) => ({ default: module.ActivityPage })));

/** The console: the bar, then the page the path names. Features are composed here, never in each other. */
export function App() {
  const route = useRoute();
  const urlOf = useKnownUrlOf();
  // Signed in, but in neither role list: the server refuses everything, so no page is shown.
  const sessionError = useQuery(sessionQuery()).error;
  const refused = sessionError instanceof ApiError && sessionError.status === 403 ? sessionError : undefined;
  return (
    <div className="mx-auto flex min-h-screen max-w-[1400px] flex-col px-4 pb-20 sm:px-6">
      <AppBar route={route} />
      {refused ? (
        <NoAccess message={refused.message} />
      ) : route === 'activity' ? (
        <Suspense fallback={null}>
          <ActivityPage urlOf={urlOf} onOpenSubscription={(id) => navigate(`/?edit=${encodeURIComponent(id)}`)} />
        </Suspense>
      ) : (
        <SubscriptionsPage />
      )}
    </div>
  );
}
