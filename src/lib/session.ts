import { queryOptions, useQuery } from '@tanstack/react-query';
import { CONSOLE_ENDPOINTS } from '@contract/endpoints';
import type { Session } from '@contract/console';
import { apiOf } from './services';

/**
 * Who the page acts as (`GET /__console/session`): the signed-in user and their role. The
 * server refuses what a role may not do; the page shows write controls disabled, and says why.
 */

export const sessionQuery = () =>
  queryOptions({
    queryKey: ['console', 'session'] as const,
    queryFn: ({ signal, client }) => apiOf(client).call(CONSOLE_ENDPOINTS.session, { signal }),
    // The role does not change while the page is open; a new sign-in reloads the page.
    staleTime: Infinity,
  });

export interface WriteAccess {
  canWrite: boolean;
  /** Why the write controls are disabled, in words for the operator; undefined when they are not. */
  reason: string | undefined;
}

export function writeAccess(session: Session | undefined): WriteAccess {
  if (!session || session.role === 'editor') return { canWrite: true, reason: undefined };
  const who = session.user?.email ?? 'a viewer';
  return {
    canWrite: false,
    reason: `You are signed in as ${who}, a viewer: you can review subscriptions, not change them.`,
  };
}

/**
 * The session, and whether this user may change things. While the session loads (or if it
 * cannot be read) the controls stay enabled: the server decides, and says so if it refuses.
 */
export function useWriteAccess(): WriteAccess {
  return writeAccess(useQuery(sessionQuery()).data);
}
