import { useMutationState, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { mutationKeys } from './keys';

/** What a row shows about its own switch: a write in flight, or the last one that failed. */
export interface ToggleStatus {
  /** The state being written, while a toggle is in flight. */
  saving: boolean | undefined;
  /** The last toggle failed and nothing has fixed it since: what it tried, and why it failed. */
  failed: { isActive: boolean; message: string } | undefined;
  /** Forgets the failure (the row's Dismiss). */
  dismiss: () => void;
}

export function useToggleStatus(id: string): ToggleStatus {
  const queryClient = useQueryClient();
  const states = useMutationState({
    filters: { mutationKey: mutationKeys.toggle(id), exact: true },
    select: (mutation) => ({
      status: mutation.state.status,
      isActive: (mutation.state.variables as { isActive: boolean } | undefined)?.isActive ?? false,
      message: mutation.state.error?.message ?? '',
    }),
  });
  const pending = states.findLast((state) => state.status === 'pending');
  const last = states.at(-1);
  const dismiss = useCallback(() => {
    const cache = queryClient.getMutationCache();
    for (const mutation of cache.findAll({ mutationKey: mutationKeys.toggle(id), exact: true })) {
      if (mutation.state.status === 'error') cache.remove(mutation);
    }
  }, [queryClient, id]);
  return {
    saving: pending?.isActive,
    failed: !pending && last?.status === 'error' ? { isActive: last.isActive, message: last.message } : undefined,
    dismiss,
  };
}
