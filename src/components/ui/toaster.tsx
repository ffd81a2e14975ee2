import { lazy, Suspense, useEffect } from 'react';
import type { ExternalToast } from 'sonner';

/**
 * Toasts come from sonner (well kept, accessible live region). It is loaded after the first
 * paint, not in the first bundle: `toast` calls wait until the Toaster has mounted, so none is lost.
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
  title: 'line-clamp-3 [overflow-wrap:anywhere]',
  description: 'line-clamp-4 [overflow-wrap:anywhere]',
} as const;

const LazySonner = lazy(async () => {
  const { Toaster: Sonner } = await loadSonner();
  function MountedSonner() {
    useEffect(() => markMounted(), []);
    return (
      <Sonner
        position="bottom-right"
        theme="system"
        richColors
        closeButton
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

type Show = (message: string, options?: ExternalToast) => void;

function show(pick: (sonner: Sonner) => Show): Show {
  return (message, options) => {
    void Promise.all([loadSonner(), mounted]).then(([sonner]) => pick(sonner)(message, options));
  };
}

export const toast = Object.assign(
  show((sonner) => sonner.toast),
  {
    success: show((sonner) => sonner.toast.success),
    error: show((sonner) => sonner.toast.error),
  },
);
