import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { emptyTotals, type Job } from '@contract/jobs';
import { makeJob } from '@/test/factories';
import { BulkJobPanel } from './bulk-job-panel';

const panel = (job: Job, canWrite = true) => {
  const onControl = vi.fn();
  render(
    <BulkJobPanel
      job={job}
      failures={[]}
      canWrite={canWrite}
      busy={false}
      onControl={onControl}
      onReselect={vi.fn()}
      onClose={vi.fn()}
    />,
  );
  return { onControl };
};

describe('BulkJobPanel', () => {
  it('after Stop, the bar shows what was answered, not what was never sent, and offers Resume', async () => {
    const totals = { ...emptyTotals(), total: 1_666, done: 170, failed: 5, not_sent: 1_491 };
    const { onControl } = panel(makeJob({ status: 'stopped', totals, undoable: true }));
    const bar = screen.getByRole('progressbar');
    expect(bar).toHaveAttribute('aria-valuemax', '1666');
    expect(bar).toHaveAttribute('aria-valuenow', '175');
    expect(bar.firstElementChild).toHaveStyle({ width: '11%' });
    expect(screen.getByText(/^Stopped: 170 done · 5 failed · 1,491 not sent/)).toBeInTheDocument();
    // Each control names the job it acts on.
    await userEvent.click(
      screen.getByRole('button', { name: 'Resume (1,491 not sent): Turn off 1,666 subscriptions to in.umbrella.org' }),
    );
    expect(onControl).toHaveBeenCalledWith('resume');
    expect(screen.getByRole('button', { name: /^Retry failed \(5\)/ })).toBeVisible();
    expect(screen.getByRole('button', { name: /^Undo/ })).toBeVisible();
    expect(screen.queryByRole('button', { name: /^Leave/ })).toBeNull();
  });

  it('counts progress over the writes, not the skipped ones, and offers only Stop while it runs', () => {
    const totals = { ...emptyTotals(), total: 12, skipped: 2, done: 4, queued: 5, sending: 1 };
    panel(makeJob({ totals }));
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuemax', '10');
    expect(screen.getByText('4 done · 0 failed · 2 skipped (already as asked) · 6 remaining')).toBeVisible();
    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual(['Stop']);
  });

  it('an interrupted job can be resumed or left; a viewer sees it and cannot steer it', () => {
    const totals = { ...emptyTotals(), total: 10, done: 6, unknown: 1, not_sent: 3 };
    const job = makeJob({ status: 'interrupted', totals });
    panel(job);
    expect(
      screen.getByText(/^Interrupted \(the console stopped while it ran\): 6 done · 0 failed · 1 unknown/),
    ).toBeVisible();
    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual([
      'Resume (3 not sent)',
      'Leave as it is',
      'Retry failed (1)',
      'Select them again',
      'Close',
    ]);
    cleanup();
    panel(job, false);
    expect(screen.queryByRole('button', { name: /^Resume/ })).toBeNull();
    expect(screen.getByText(/an editor can stop or undo them/)).toBeVisible();
  });
});
