import type { ActivityEntry } from '@contract/console';

/**
 * The Activity view's rows: an entry on its own, or every entry of one bulk action together
 * (grouped by the batch id the page sent, however the pages of the journal fall).
 */
export type ActivityRow =
  | { kind: 'entry'; entry: ActivityEntry }
  | { kind: 'batch'; id: string; label: string; actor: string; at: string; entries: ActivityEntry[] };

export function groupEntries(entries: readonly ActivityEntry[]): ActivityRow[] {
  const rows: ActivityRow[] = [];
  const batches = new Map<string, Extract<ActivityRow, { kind: 'batch' }>>();
  for (const entry of entries) {
    if (!entry.batch) {
      rows.push({ kind: 'entry', entry });
      continue;
    }
    let batch = batches.get(entry.batch.id);
    if (!batch) {
      // Placed where its newest entry is: the journal is newest first.
      batch = {
        kind: 'batch',
        id: entry.batch.id,
        label: entry.batch.label,
        actor: entry.actor,
        at: entry.at,
        entries: [],
      };
      batches.set(entry.batch.id, batch);
      rows.push(batch);
    }
    batch.entries.push(entry);
  }
  return rows;
}

/** "1,660 ok · 7 failed" for a batch. */
export function outcomes(entries: readonly ActivityEntry[]): { ok: number; failed: number; unknown: number } {
  let ok = 0;
  let failed = 0;
  let unknown = 0;
  for (const entry of entries) {
    if (entry.outcome === 'ok') ok += 1;
    else if (entry.outcome === 'failed') failed += 1;
    else unknown += 1;
  }
  return { ok, failed, unknown };
}

/** The filter's time choices, as `since` from `now`. */
export const SINCE_CHOICES = [
  { value: '', label: 'Any time' },
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
] as const;

const HOUR = 3_600_000;
const SPANS: Record<string, number> = { '1h': HOUR, '24h': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR };

export function sinceFor(choice: string, now: number): string | undefined {
  const span = SPANS[choice];
  return span === undefined ? undefined : new Date(now - span).toISOString();
}
