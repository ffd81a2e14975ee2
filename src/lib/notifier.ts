import type { MouseEvent } from 'react';

/**
 * Notifications as a service: what the console says after an action (a toast in the app, a
 * record in tests). Code says what to tell; the app's providers decide how it is shown
 * (components/ui/toaster.tsx).
 */
export interface Notice {
  kind: 'info' | 'success' | 'error';
  message: string;
  description?: string | undefined;
  /** A notice with the id of one still shown replaces it. */
  id?: string;
  action?: { label: string; onClick: (event: MouseEvent<HTMLButtonElement>) => void } | undefined;
  /** Ids of notices this one makes obsolete: they are dismissed first. */
  replaces?: string[];
}

export interface Notifier {
  /** Shows a notice, once the notices it replaces are dismissed. */
  notify: (notice: Notice) => void;
  dismiss: (id: string) => void;
}

/** A Notifier that keeps what it was told (tests; a console with no toaster). */
export function createRecordingNotifier(): Notifier & { notices: Notice[]; dismissed: string[] } {
  const notices: Notice[] = [];
  const dismissed: string[] = [];
  return {
    notices,
    dismissed,
    notify: (notice) => {
      dismissed.push(...(notice.replaces ?? []));
      notices.push(notice);
    },
    dismiss: (id) => dismissed.push(id),
  };
}
