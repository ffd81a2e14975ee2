import { Toaster as Sonner, toast } from 'sonner';

/** Toasts come from sonner (well kept, accessible live region); this is the one place it is configured. */
export function Toaster() {
  return <Sonner position="bottom-right" theme="system" richColors closeButton duration={6000} />;
}

export { toast };
