/** Which drawer is open: kept apart from the drawer itself, which loads on demand. */
export type DrawerState = { kind: 'edit'; id: string } | { kind: 'create' } | null;
