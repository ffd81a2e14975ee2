import { lazy, Suspense, useEffect } from 'react';
import type { ExternalToast } from 'sonner';
import type { Notifier } from '@/lib/notifier';

/**
 * Toasts come from sonner (well kept, accessible live region). It is loaded after the first
 * paint, not in the first bundle: notices wait until the toasters have mounted, so none is lost.
 *
 * Errors have a toaster of their own (top right, under the header) and stay until dismissed, so
 * a failure is never pushed out of sight or hidden behind the success toasts (bottom right).
 */

type Sonner = typeof import('sonner');
let loading: Promise<Sonner> | undefined;
const loadSonner = (): Promise<Sonner> => (loading ??= import('sonner'));

let markMounted: () => void = () => undefined;
const mounted = new Promise<void>((resolve) => {
  markMounted = resolve;
});

const ERRORS_TOASTER = 'errors';

/**
 * Every toast stays inside the viewport, whatever it says: titles and descriptions wrap anywhere
 * (a URL has no spaces) and stop after a few lines; the live region still reads the whole text.
 */
const TOAST_CLASS_NAMES = {
  title: 'line-clamp-3 [overflow-wrap:anywhere]',
  description: 'line-clamp-4 [overflow-wrap:anywhere]',
} as const;

const LazySonner = lazy(async () => {
  const { Toaster: Sonner } = await loadSonner();
  function MountedSonner() {
    useEffect(() => markMounted(), []);
    const common = { theme: 'system', richColors: true, closeButton: true } as const;
    return (
      <>
        <Sonner {...common} position="bottom-right" duration={6000} toastOptions={{ classNames: TOAST_CLASS_NAMES }} />
        <Sonner
          {...common}
          id={ERRORS_TOASTER}
          position="top-right"
          offset={{ top: 72 }}
          expand
          visibleToasts={6}
          containerAriaLabel="Errors"
          toastOptions={{ classNames: TOAST_CLASS_NAMES, duration: Infinity }}
        />
      </>
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

/** The app's Notifier (lib/notifier.ts): each notice as a sonner toast, errors in their own toaster. */
export const toastNotifier: Notifier = {
  notify: ({ kind, message, description, id, action, replaces = [] }) => {
    const options: ExternalToast = { description, action };
    if (id !== undefined) options.id = id;
    void whenMounted((sonner) => {
      for (const obsolete of replaces) sonner.toast.dismiss(obsolete);
      if (kind === 'error') sonner.toast.error(message, { ...options, toasterId: ERRORS_TOASTER, duration: Infinity });
      else if (kind === 'success') sonner.toast.success(message, options);
      else sonner.toast(message, options);
    });
  },
  dismiss: (id) => void whenMounted((sonner) => sonner.toast.dismiss(id)),
};

function whenMounted(show: (sonner: Sonner) => void): Promise<void> {
  return Promise.all([loadSonner(), mounted]).then(([sonner]) => show(sonner));
}
