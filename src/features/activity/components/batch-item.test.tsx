import { describe, expect, it } from 'vitest';
import { emptyTotals } from '@contract/jobs';
import { makeActivityEntry } from '@/test/factories';
import { batchTotalsText } from './batch-item';

const batch = {
  kind: 'batch' as const,
  id: 'b1',
  label: 'Turn off 1,722',
  actor: 'local',
  at: '2026-12-07T10:00:00.000Z',
  entries: [makeActivityEntry({ id: 'e1', outcome: 'ok' })],
};

describe('batchTotalsText', () => {
  it('says the server’s totals, not what one page holds', () => {
    const totals = { ...emptyTotals(), total: 1_722, done: 1_667, failed: 3, not_sent: 12, skipped: 40 };
    expect(batchTotalsText({ status: 'interrupted', totals, undoable: true }, batch)).toBe(
      '1,667 ok · 3 failed · 12 not sent · 40 skipped · interrupted',
    );
  });

  it('says what is still to go while the job runs', () => {
    const totals = { ...emptyTotals(), total: 10, done: 4, queued: 5, sending: 1 };
    expect(batchTotalsText({ status: 'running', totals, undoable: false }, batch)).toBe('4 ok · 6 to go · running');
  });

  it('counts the entries it has when the server sent no totals', () => {
    expect(batchTotalsText(undefined, batch)).toBe('1 ok');
  });
});
