import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { installFakeApi } from '@/test/fake-api';
import { renderWithClient } from '@/test/render';
import { DeleteSubscriptionDialog } from './delete-subscription-dialog';

describe('DeleteSubscriptionDialog', () => {
  it('sends one DELETE for a double click, and keeps focus on the button while it is pending', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const api = installFakeApi(async () => {
      await gate;
      return { status: 204 };
    });
    const onDeleted = vi.fn();
    renderWithClient(<DeleteSubscriptionDialog id="sub-1" onCancel={vi.fn()} onDeleted={onDeleted} />);
    const user = userEvent.setup({ delay: null });
    const button = screen.getByRole('button', { name: 'Delete subscription' });

    await user.dblClick(button);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Deleting…' })).toHaveAttribute('aria-disabled', 'true'),
    );
    expect(screen.getByRole('button', { name: 'Deleting…' })).toHaveFocus();
    release();
    await waitFor(() => expect(onDeleted).toHaveBeenCalledTimes(1));
    expect(api.requests).toEqual([{ method: 'DELETE', path: '/v3/webhook-subscriptions/sub-1', body: undefined }]);
  });
});
