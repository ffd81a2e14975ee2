/** The subscriptions feature's public entry: what src/app may import. */
export { useKnownUrlOf } from './api/use-known-subscription';
export { SubscriptionsPage } from './review/subscriptions-page';
export { SubscriptionsProvider } from './provider';
