/**
 * PLACEHOLDER owned by the drawer work: it will be replaced by the real side sheet.
 * The contract the page relies on is the props below.
 */
export type DrawerState = { kind: 'edit'; id: string } | { kind: 'create' } | null;

export interface SubscriptionDrawerProps {
  /** What the drawer shows; null when closed. Driven by the page URL (`?edit=<id>`, `?new=1`). */
  state: DrawerState;
  /** Called when the drawer should close (after save, cancel, Esc, delete). */
  onClose: () => void;
}

export function SubscriptionDrawer(_props: SubscriptionDrawerProps) {
  return null;
}
