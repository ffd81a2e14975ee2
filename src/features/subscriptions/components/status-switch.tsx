import { Switch } from '@/components/ui/switch';
import { useToggleActive } from '../api/use-toggle-active';
import type { Subscription } from '@contract/schemas';

/**
 * The row's Active switch. Its name names the subscription ("Active — https://…"); its state is
 * the cache's, updated at once and corrected by the server's answer (see useToggleActive).
 */
export function StatusSwitch({ subscription }: { subscription: Subscription }) {
  const toggle = useToggleActive(subscription.id);
  const url = subscription.target_url;
  return (
    <div className="flex items-center gap-2">
      <Switch
        checked={subscription.is_active}
        onCheckedChange={(isActive) => toggle.mutate({ id: subscription.id, targetUrl: url, isActive })}
        aria-label={`Active — ${url}`}
        onClick={(event) => event.stopPropagation()}
      />
      <span
        className={subscription.is_active ? 'text-sm font-medium text-success-fg' : 'text-sm font-medium text-fg-muted'}
      >
        {subscription.is_active ? 'Active' : 'Inactive'}
      </span>
    </div>
  );
}
