import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useSelection } from './use-selection';

const ids = ['a', 'b', 'c', 'd', 'e'];

describe('useSelection', () => {
  it('toggles rows in and out, and extends a range from the last toggled row with shift', () => {
    const { result } = renderHook(() => useSelection(ids));
    act(() => result.current.toggle('b'));
    expect([...result.current.selected]).toEqual(['b']);
    act(() => result.current.toggle('d', { order: ids }));
    expect([...result.current.selected].sort()).toEqual(['b', 'c', 'd']);
    act(() => result.current.toggle('c'));
    expect([...result.current.selected].sort()).toEqual(['b', 'd']);
  });

  it('selects many at once (all matching), and clears', () => {
    const { result } = renderHook(() => useSelection(ids));
    act(() => result.current.setMany(['a', 'e'], true));
    act(() => result.current.setMany(['c'], true));
    expect([...result.current.selected].sort()).toEqual(['a', 'c', 'e']);
    act(() => result.current.clear());
    expect(result.current.selected.size).toBe(0);
  });

  it('drops a subscription deleted elsewhere, and keeps the rest through a new list', () => {
    const { result, rerender } = renderHook(({ listed }) => useSelection(listed), { initialProps: { listed: ids } });
    act(() => result.current.setMany(['a', 'b'], true));
    rerender({ listed: ['b', 'c', 'd', 'e'] });
    expect([...result.current.selected]).toEqual(['b']);
    // A reordered list (another sort, a refetch) keeps the selection as it is.
    rerender({ listed: ['e', 'd', 'c', 'b'] });
    expect([...result.current.selected]).toEqual(['b']);
  });
});
