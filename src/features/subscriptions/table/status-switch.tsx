import type { Subscription } from '@contract/schemas';
import { Switch } from '@/components/ui/switch';
import { cn } from '@/lib/cn';
import type { useToggleActive } from '../api/use-toggle-active';
import { useToggleStatus } from '../api/use-toggle-status';

/**
 * The row's Active switch. Its name names the subscription ("Active — https://…"); its state is
 * the cache's, updated at once (see useToggleActive), and while the write is in flight it says
 * so: the switch is busy and the label reads "Turning off…" until the server answers.
 */
export function StatusSwitch({
  subscription,
  toggle,
  tabIndex = 0,
}: {
  subscription: Subscription;
  toggle: ReturnType<typeof useToggleActive>;
  tabIndex?: number;
}) {
  const status = useToggleStatus(subscription.id);
  const url = subscription.target_url;
  const saving = status.saving !== undefined;
  const label = saving
    ? status.saving
      ? 'Turning on…'
      : 'Turning off…'
    : subscription.is_active
      ? 'Active'
      : 'Inactive';
  return (
    <div className="flex items-center gap-2">
      <Switch
        checked={subscription.is_active}
        onCheckedChange={(isActive) => toggle.mutate({ id: subscription.id, targetUrl: url, isActive })}
        aria-label={`Active — ${url}`}
        aria-busy={saving || undefined}
        data-row-control
        tabIndex={tabIndex}
        onClick={(event) => event.stopPropagation()}
        className={cn(saving && 'animate-pulse')}
      />
      <span
        className={cn(
          'text-sm font-medium whitespace-nowrap',
          saving ? 'text-fg-soft' : subscription.is_active ? 'text-success-fg' : 'text-fg-muted',
        )}
      >
        {label}
      </span>
    </div>
  );
}
