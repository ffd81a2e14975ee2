import { describe, expect, it } from 'vitest';
import { makeActivityEntry } from '@/test/factories';
import { groupEntries, outcomes, sinceFor } from './group';

describe('groupEntries', () => {
  it('keeps single entries apart and gathers one bulk action into one row, where its newest entry is', () => {
    const batch = { id: 'b1', label: 'Turn off 3 subscriptions to hooks.acme.com' };
    const single = makeActivityEntry({ id: 'single' });
    const entries = [
      makeActivityEntry({ id: 'b-3', batch }),
      single,
      makeActivityEntry({ id: 'b-2', batch }),
      makeActivityEntry({ id: 'b-1', batch, outcome: 'failed' }),
    ];
    const rows = groupEntries(entries);
    expect(rows.map((row) => (row.kind === 'batch' ? `batch:${row.entries.length}` : row.entry.id))).toEqual([
      'batch:3',
      'single',
    ]);
    const [first] = rows;
    expect(first?.kind === 'batch' && outcomes(first.entries)).toEqual({ ok: 2, failed: 1, unknown: 0 });
  });
});

describe('sinceFor', () => {
  it('turns a time choice into an ISO time before now, and any time into nothing', () => {
    const now = Date.parse('2026-12-01T12:00:00.000Z');
    expect(sinceFor('1h', now)).toBe('2026-12-01T11:00:00.000Z');
    expect(sinceFor('7d', now)).toBe('2026-11-24T12:00:00.000Z');
    expect(sinceFor('', now)).toBeUndefined();
  });
});
