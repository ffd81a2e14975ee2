import { Switch } from '@/components/ui/switch';
import { toast } from '@/components/ui/toaster';
import { useToggleActive } from '../api/use-toggle-active';
import type { Subscription } from '../api/schemas';

/**
 * The row's Active switch. Its name names the subscription ("Active — https://…"); its state is
 * the cache's, updated at once and corrected by the server's answer (see useToggleActive).
 */
export function StatusSwitch({ subscription }: { subscription: Subscription }) {
  const toggle = useToggleActive(subscription.id);
  const url = subscription.target_url;

  const setActive = (isActive: boolean) => {
    toggle.mutate(
      { id: subscription.id, isActive },
      {
        onSuccess: (saved) => {
          if (saved.is_active) {
            toast.success(`Turned on ${url}`, { id: `toggle-${subscription.id}` });
          } else {
            toast(`Turned off ${url}`, {
              id: `toggle-${subscription.id}`,
              description: 'It receives no events until it is turned on again.',
              action: { label: 'Undo', onClick: () => setActive(true) },
            });
          }
        },
        onError: (error) => {
          toast.error(`Could not turn ${isActive ? 'on' : 'off'} ${url}`, {
            id: `toggle-${subscription.id}`,
            description: `${error.message} The switch shows the saved state again.`,
          });
        },
      },
    );
  };

  return (
    <div className="flex items-center gap-2">
      <Switch
        checked={subscription.is_active}
        onCheckedChange={setActive}
        aria-label={`Active — ${url}`}
        onClick={(event) => event.stopPropagation()}
      />
      <span
        className={
          subscription.is_active
            ? 'text-sm font-medium text-emerald-800 dark:text-emerald-300'
            : 'text-sm font-medium text-zinc-600 dark:text-zinc-400'
        }
      >
        {subscription.is_active ? 'Active' : 'Inactive'}
      </span>
    </div>
  );
}
