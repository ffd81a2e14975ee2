import { useCallback, useEffect, useState } from 'react';
import { useUrlSearch } from '@/lib/use-url-state';
import { readView, writeView, type ViewState } from './view';

/** Which drawer is open; a create may start from another subscription's events and phone filter (Duplicate). */
export type DrawerState = { kind: 'edit'; id: string } | { kind: 'create'; from?: string } | null;

const URL_WRITE_DELAY_MS = 300;

/**
 * The page's view state: search, status filter and sort from the page URL (so a view can be
 * shared and survives a reload), and which drawer is open (`?edit=<id>`, or creating).
 *
 * The search box answers every keystroke from state; the URL follows a moment later (browsers
 * throttle history writes, and a shared link does not need every keystroke).
 */
export function useSubscriptionsView() {
  const [search, setSearch] = useUrlSearch();
  const [query, setQuery] = useState(() => readView(search).q);
  const view: ViewState = { ...readView(search), q: query };
  const editId = new URLSearchParams(search).get('edit');
  /** false, or creating: from nothing (true) or from a subscription's id (Duplicate). */
  const [creating, setCreating] = useState<boolean | string>(false);
  const drawer: DrawerState = creating
    ? typeof creating === 'string'
      ? { kind: 'create', from: creating }
      : { kind: 'create' }
    : editId
      ? { kind: 'edit', id: editId }
      : null;

  const setView = useCallback(
    (patch: Partial<ViewState>) => {
      if (patch.q !== undefined) setQuery(patch.q);
      setSearch((current) => writeView(current, { ...readView(current), ...patch }));
    },
    [setSearch],
  );
  useEffect(() => {
    const timer = setTimeout(
      () => setSearch((current) => writeView(current, { ...readView(current), q: query })),
      URL_WRITE_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [query, setSearch]);

  const setEditParam = useCallback(
    (id: string | null) =>
      setSearch((current) => {
        const params = new URLSearchParams(current);
        if (id === null) params.delete('edit');
        else params.set('edit', id);
        const text = params.toString();
        return text ? `?${text}` : '';
      }),
    [setSearch],
  );
  const openEdit = useCallback(
    (id: string) => {
      setCreating(false);
      setEditParam(id);
    },
    [setEditParam],
  );
  const openCreate = useCallback(
    (from?: string) => {
      setEditParam(null);
      setCreating(from ?? true);
    },
    [setEditParam],
  );
  const closeDrawer = useCallback(() => {
    setCreating(false);
    setEditParam(null);
  }, [setEditParam]);

  const openDuplicate = useCallback((id: string) => openCreate(id), [openCreate]);

  return { view, setView, drawer, openEdit, openCreate, openDuplicate, closeDrawer };
}
