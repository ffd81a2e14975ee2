import { lazy, Suspense, useEffect } from 'react';
import type { ExternalToast } from 'sonner';
import type { Notifier } from '@/lib/notifier';

/**
 * Toasts come from sonner (well kept, accessible live region). It is loaded after the first
 * paint, not in the first bundle: notices wait until the toasters have mounted, so none is lost.
 *
 * One stack, bottom left, above the bulk bar when it shows (the bar sets --bulk-bar-height): it
 * covers no header, filter or bulk control, and a click on what lies beneath it (a row's checkbox)
 * goes through: only a toast's own buttons take the pointer. Errors stay until dismissed; an error
 * that belongs to a row is said in that row, not here.
 */

type Sonner = typeof import('sonner');
let loading: Promise<Sonner> | undefined;
const loadSonner = (): Promise<Sonner> => (loading ??= import('sonner'));

let markMounted: () => void = () => undefined;
const mounted = new Promise<void>((resolve) => {
  markMounted = resolve;
});

/**
 * Every toast stays inside the viewport, whatever it says: titles and descriptions wrap anywhere
 * (a URL has no spaces) and stop after a few lines; the live region still reads the whole text.
 */
const TOAST_CLASS_NAMES = {
  toast: 'pointer-events-none',
  title: 'line-clamp-3 [overflow-wrap:anywhere]',
  description: 'line-clamp-4 [overflow-wrap:anywhere]',
  closeButton: 'pointer-events-auto',
  actionButton: 'pointer-events-auto',
  cancelButton: 'pointer-events-auto',
} as const;

/** Above the bulk bar while it shows; 16 px from the corner otherwise. */
const OFFSET = { bottom: 'calc(var(--bulk-bar-height, 0px) + 16px)', left: 16 } as const;

const LazySonner = lazy(async () => {
  const { Toaster: Sonner } = await loadSonner();
  function MountedSonner() {
    useEffect(() => markMounted(), []);
    return (
      <Sonner
        theme="system"
        richColors
        closeButton
        position="bottom-left"
        offset={OFFSET}
        mobileOffset={OFFSET}
        visibleToasts={4}
        duration={6000}
        toastOptions={{ classNames: TOAST_CLASS_NAMES }}
      />
    );
  }
  return { default: MountedSonner };
});

export function Toaster() {
  return (
    <Suspense fallback={null}>
      <LazySonner />
    </Suspense>
  );
}

/** The app's Notifier (lib/notifier.ts): each notice as a sonner toast; errors stay until dismissed. */
export const toastNotifier: Notifier = {
  notify: ({ kind, message, description, id, action, replaces = [] }) => {
    const options: ExternalToast = { description, action };
    if (id !== undefined) options.id = id;
    void whenMounted((sonner) => {
      for (const obsolete of replaces) sonner.toast.dismiss(obsolete);
      if (kind === 'error') sonner.toast.error(message, { ...options, duration: Infinity });
      else if (kind === 'success') sonner.toast.success(message, options);
      else sonner.toast(message, options);
    });
  },
  dismiss: (id) => void whenMounted((sonner) => sonner.toast.dismiss(id)),
};

function whenMounted(show: (sonner: Sonner) => void): Promise<void> {
  return Promise.all([loadSonner(), mounted]).then(([sonner]) => show(sonner));
}
