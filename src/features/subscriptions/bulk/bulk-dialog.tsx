import { useId, useMemo, useState } from 'react';
import type { Subscription } from '@contract/schemas';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogConfirm,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle } from '@/components/ui/dialog';
import { formatCount } from '@/lib/format';
import { planBulk, type BulkAction, type BulkPlan } from '@contract/bulk';
import { describeAction } from './bulk-plan';
import { EventGrid } from '../pickers/event-grid';

/**
 * Asks before a bulk action, naming the count and what changes, and how many are already as
 * asked (skipped); Delete says it cannot be undone. Adding or removing event types first picks
 * them in the drawer's event grid.
 */

export type BulkChoice = BulkAction['kind'];

const VERBS: Record<BulkChoice, (count: string) => string> = {
  'turn-on': (count) => `Turn on ${count}`,
  'turn-off': (count) => `Turn off ${count}`,
  'add-events': (count) => `Change ${count}`,
  'remove-events': (count) => `Change ${count}`,
  delete: (count) => `Delete ${count}`,
};

export function BulkDialog({
  choice,
  types: presetTypes,
  subscriptions,
  catalog,
  onConfirm,
  onCancel,
}: {
  choice: BulkChoice;
  /** Event types already picked (a reason's fix): straight to the confirmation. */
  types?: string[] | undefined;
  subscriptions: readonly Subscription[];
  catalog: readonly string[];
  onConfirm: (label: string, plan: BulkPlan) => void;
  onCancel: () => void;
}) {
  const [types, setTypes] = useState<string[] | undefined>(
    presetTypes ?? (choice === 'add-events' || choice === 'remove-events' ? undefined : []),
  );
  if (types === undefined && (choice === 'add-events' || choice === 'remove-events')) {
    return (
      <PickEventTypes
        choice={choice}
        subscriptions={subscriptions}
        catalog={catalog}
        onPick={setTypes}
        onCancel={onCancel}
      />
    );
  }
  const action: BulkAction =
    choice === 'add-events' || choice === 'remove-events' ? { kind: choice, types: types ?? [] } : { kind: choice };
  return <ConfirmBulk action={action} subscriptions={subscriptions} onConfirm={onConfirm} onCancel={onCancel} />;
}

function ConfirmBulk({
  action,
  subscriptions,
  onConfirm,
  onCancel,
}: {
  action: BulkAction;
  subscriptions: readonly Subscription[];
  onConfirm: (label: string, plan: BulkPlan) => void;
  onCancel: () => void;
}) {
  const plan = useMemo(() => planBulk(action, subscriptions), [action, subscriptions]);
  const label = describeAction(action, subscriptions);
  const writes = plan.writes.length;
  return (
    <AlertDialog open onOpenChange={(open) => !open && onCancel()}>
      <AlertDialogContent>
        <AlertDialogTitle>{label}?</AlertDialogTitle>
        <AlertDialogDescription asChild>
          <div className="space-y-2">
            <p>
              {writes === 0
                ? 'Nothing to change: every selected subscription is already as asked.'
                : `${formatCount(writes)} ${writes === 1 ? 'subscription is' : 'subscriptions are'} written by the console server: two requests to Linq each (the journal reads the subscription first), paced to the rate limit the team shares. It goes on if this tab is closed.`}
            </p>
            {plan.skipped.length > 0 && (
              <p>{formatCount(plan.skipped.length)} already as asked: skipped, not written again.</p>
            )}
            {plan.refused.length > 0 && (
              <p>
                {formatCount(plan.refused.length)} left as they are: {plan.refused[0]?.reason}
              </p>
            )}
            {action.kind === 'delete' ? (
              <p className="font-medium text-danger-fg">
                This cannot be undone: they stop receiving events at once, and their signing secrets are gone for good.
              </p>
            ) : (
              writes > 0 && <p>When it is done, Undo puts every changed subscription back as it was.</p>
            )}
          </div>
        </AlertDialogDescription>
        <AlertDialogFooter>
          <AlertDialogCancel>{writes === 0 ? 'Close' : 'Cancel'}</AlertDialogCancel>
          {writes > 0 && (
            <AlertDialogConfirm onClick={() => onConfirm(label, plan)}>
              {VERBS[action.kind](`${formatCount(writes)} ${writes === 1 ? 'subscription' : 'subscriptions'}`)}
            </AlertDialogConfirm>
          )}
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

function PickEventTypes({
  choice,
  subscriptions,
  catalog,
  onPick,
  onCancel,
}: {
  choice: 'add-events' | 'remove-events';
  subscriptions: readonly Subscription[];
  catalog: readonly string[];
  onPick: (types: string[]) => void;
  onCancel: () => void;
}) {
  const headingId = useId();
  const [picked, setPicked] = useState<string[]>([]);
  // Removing offers what the selection carries too (types the catalog lacks included).
  const carried = useMemo(
    () => [...new Set(subscriptions.flatMap((subscription) => subscription.subscribed_events))],
    [subscriptions],
  );
  const verb = choice === 'add-events' ? 'Add' : 'Remove';
  const count = `${formatCount(subscriptions.length)} ${subscriptions.length === 1 ? 'subscription' : 'subscriptions'}`;
  return (
    <Dialog open onOpenChange={(open) => !open && onCancel()}>
      <DialogContent className="max-w-2xl">
        <DialogTitle>
          {verb} event types {choice === 'add-events' ? 'to' : 'from'} {count}
        </DialogTitle>
        <h3 id={headingId} className="sr-only">
          Event types to {choice === 'add-events' ? 'add' : 'remove'}
        </h3>
        <DialogDescription>
          {choice === 'add-events'
            ? 'The types ticked here are added; what each subscription already has is kept.'
            : 'The types ticked here are removed; the others each subscription has are kept.'}
        </DialogDescription>
        <EventGrid
          catalog={choice === 'add-events' ? catalog : catalog.filter((type) => carried.includes(type))}
          carried={choice === 'add-events' ? [] : carried}
          value={picked}
          onChange={setPicked}
          labelledBy={headingId}
        />
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button variant="primary" disabled={picked.length === 0} onClick={() => onPick(picked)}>
            Continue
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
