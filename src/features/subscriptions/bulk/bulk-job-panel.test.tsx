import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { BatchProgress } from './batch-runner';
import type { BulkJob } from './bulk-store';
import { BulkJobPanel } from './bulk-job-panel';

function job(kind: BulkJob['kind'], progress: Partial<BatchProgress>): BulkJob {
  return {
    batchId: 'b1',
    label: 'Turn off 1,666 subscriptions to in.umbrella.org',
    kind,
    plan: { action: { kind: 'turn-off' }, writes: [], skipped: [], refused: [] },
    writes: [],
    doneIds: new Set(),
    stop: vi.fn(),
    progress: {
      status: 'running',
      total: 0,
      done: 0,
      failed: 0,
      stopped: 0,
      remaining: 0,
      pausedUntil: undefined,
      pausedForMs: undefined,
      ...progress,
    },
  };
}

const panel = (bulkJob: BulkJob) =>
  render(<BulkJobPanel job={bulkJob} failures={[]} onRetryFailed={vi.fn()} onUndo={vi.fn()} onClose={vi.fn()} />);

describe('BulkJobPanel', () => {
  it('after Stop, the bar shows what was answered, not what was never sent', () => {
    panel(job('action', { status: 'stopped', total: 1666, done: 170, failed: 5, stopped: 1491 }));
    const bar = screen.getByRole('progressbar');
    expect(bar).toHaveAttribute('aria-valuemax', '1666');
    expect(bar).toHaveAttribute('aria-valuenow', '175');
    expect(bar.firstElementChild).toHaveStyle({ width: '11%' });
    expect(screen.getByText(/^Stopped: 170 done · 5 failed · 1,491 not sent/)).toBeInTheDocument();
  });

  it('titles an Undo with how many it puts back, not the count of the action it undoes', () => {
    panel(job('undo', { total: 175, remaining: 175 }));
    expect(screen.getByText('Undo (175 subscriptions): Turn off 1,666 subscriptions to in.umbrella.org')).toBeVisible();
  });
});
