import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogConfirm,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
} from './alert-dialog';

describe('AlertDialog', () => {
  it('fits the viewport whatever it says: the description scrolls and wraps, title and buttons stay in view', () => {
    const url = `https://hooks.example.com/${'a'.repeat(2000)}`;
    render(
      <AlertDialog open>
        <AlertDialogContent>
          <AlertDialogTitle>Delete this subscription?</AlertDialogTitle>
          <AlertDialogDescription>{url} will stop receiving events.</AlertDialogDescription>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogConfirm>Delete subscription</AlertDialogConfirm>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>,
    );

    const dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveClass('flex', 'flex-col', 'max-h-[calc(100dvh-2rem)]');
    const description = screen.getByText(`${url} will stop receiving events.`);
    expect(description).toHaveClass('min-h-0', 'overflow-y-auto', '[overflow-wrap:anywhere]');
    expect(screen.getByText('Delete this subscription?')).toHaveClass('shrink-0');
    expect(screen.getByRole('button', { name: 'Delete subscription' }).parentElement).toHaveClass('shrink-0');
  });
});
