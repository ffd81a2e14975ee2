import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Label, LabelBody } from '@contract/console';
import { replaceLabel } from './cache';
import { putLabel } from './fetchers';
import { apiOf } from '@/lib/services';
import { labelQueries } from './queries';

/** Every subscription's label, by subscription id (empty while loading, or when the console has none). */
export function useLabels(): Map<string, Label> {
  const labels = useQuery(labelQueries.list()).data;
  return useMemo(() => new Map((labels ?? []).map((label) => [label.subscription_id, label])), [labels]);
}

/** Saves a subscription's name and note in the console's database (journaled by the server). */
export function useSaveLabel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: LabelBody }, { client }) => putLabel(apiOf(client), id, body),
    onSuccess: (label) => replaceLabel(queryClient, label),
  });
}
