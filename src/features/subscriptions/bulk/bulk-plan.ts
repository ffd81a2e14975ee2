import type { BulkAction } from '@contract/bulk';
import type { Subscription } from '@contract/schemas';
import { formatCount } from '@/lib/format';
import { hostOf } from '../model/url-display';

/** The words of a bulk action, for its confirmation and its bar. */

const plural = (count: number, one: string, many = `${one}s`) => `${formatCount(count)} ${count === 1 ? one : many}`;

/** "hooks.acme.com" when they all share a host, else "3 hosts". */
export function hostsOf(subscriptions: readonly Subscription[]): string {
  const hosts = new Set(subscriptions.map((subscription) => hostOf(subscription.target_url)));
  const [only] = hosts;
  return hosts.size === 1 && only !== undefined ? only : plural(hosts.size, 'host');
}

/** The confirmation's title: what will change, for how many ("Turn off 1,667 subscriptions to hooks.acme.com"). */
export function describeAction(action: BulkAction, subscriptions: readonly Subscription[]): string {
  const what = `${plural(subscriptions.length, 'subscription')} to ${hostsOf(subscriptions)}`;
  const types = 'types' in action ? action.types.join(', ') : '';
  switch (action.kind) {
    case 'turn-on':
      return `Turn on ${what}`;
    case 'turn-off':
      return `Turn off ${what}`;
    case 'add-events':
      return `Add ${types} to ${what}`;
    case 'remove-events':
      return `Remove ${types} from ${what}`;
    case 'delete':
      return `Delete ${what}`;
  }
}
