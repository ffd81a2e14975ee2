import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { eventLabel, groupEventTypes, type EventGroup } from '../model/event-types';

/**
 * One checkbox per event type, grouped by the text before the first dot. The catalog decides
 * what can be picked; types the subscription carries that the catalog lacks are shown checked,
 * marked "not in catalog", and kept unless unticked.
 */

export interface EventGridProps {
  /** `GET /v3/webhook-events`. */
  catalog: readonly string[];
  /** The types the subscription had when the drawer opened (they stay listed even when unticked). */
  carried: readonly string[];
  value: readonly string[];
  onChange: (next: string[]) => void;
  /** Id of the heading that names the grid. */
  labelledBy: string;
  /** Id of the element describing an error, for the group's aria-describedby. */
  describedBy?: string;
}

export function EventGrid({ catalog, carried, value, onChange, labelledBy, describedBy }: EventGridProps) {
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const filterRef = useRef<HTMLInputElement>(null);
  const selected = useMemo(() => new Set(value), [value]);
  const groups = useMemo(() => groupEventTypes(catalog, [...carried, ...value]), [catalog, carried, value]);
  const allTypes = groups.flatMap((group) => group.types.map((entry) => entry.type));

  const needle = filter.trim().toLowerCase();
  const visibleGroups = groups
    .map((group) => ({
      ...group,
      types: needle
        ? group.types.filter(
            ({ type }) =>
              type.toLowerCase().includes(needle) ||
              eventLabel(type).toLowerCase().includes(needle) ||
              group.label.toLowerCase().includes(needle),
          )
        : group.types,
    }))
    .filter((group) => group.types.length > 0);
  // With a filter, "Select shown" and "Clear shown" act on the types on screen only; hidden ones keep their state.
  const filtering = needle !== '';
  const shownTypes = visibleGroups.flatMap((group) => group.types.map((entry) => entry.type));
  const shownSelectedCount = shownTypes.filter((type) => selected.has(type)).length;

  /** Keeps the order of the grid, so a save sends a stable list. */
  const setTypes = (types: Set<string>) => onChange(allTypes.filter((type) => types.has(type)));
  const toggle = (type: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(type);
    else next.delete(type);
    setTypes(next);
  };
  const selectShown = () => setTypes(new Set([...selected, ...shownTypes]));
  const clearShown = () => {
    const next = new Set(selected);
    for (const type of shownTypes) next.delete(type);
    setTypes(next);
  };

  // Enter in the filter must not submit the surrounding form.
  const onFilterKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') event.preventDefault();
  };

  useEscapeClearsFilter(filterRef, setFilter);

  return (
    <div className="space-y-3" role="group" aria-labelledby={labelledBy} aria-describedby={describedBy}>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={filterId} className="sr-only">
          Filter event types
        </label>
        <Input
          ref={filterRef}
          id={filterId}
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={onFilterKeyDown}
          placeholder="Filter event types"
          className="max-w-60"
        />
        <span className="text-sm text-fg-soft tabular-nums" aria-live="polite">
          {selected.size} of {allTypes.length} selected
        </span>
        <div className="ml-auto flex gap-1">
          <Button size="sm" variant="ghost" onClick={selectShown} disabled={shownSelectedCount === shownTypes.length}>
            {filtering ? 'Select shown' : 'Select all'}
          </Button>
          <Button size="sm" variant="ghost" onClick={clearShown} disabled={shownSelectedCount === 0}>
            {filtering ? 'Clear shown' : 'Clear all'}
          </Button>
        </div>
      </div>

      {visibleGroups.length === 0 && <p className="text-sm text-fg-soft">No event type matches “{filter.trim()}”.</p>}

      <div className="grid gap-3 sm:grid-cols-2">
        {visibleGroups.map((group) => {
          const groupTypes =
            groups.find((entry) => entry.group === group.group)?.types.map((entry) => entry.type) ?? [];
          return (
            <EventGroupBox
              key={group.group}
              group={group}
              groupTypes={groupTypes}
              selected={selected}
              setTypes={setTypes}
              toggle={toggle}
            />
          );
        })}
      </div>
    </div>
  );
}

/** One group's box: a checkbox for the whole group (with how many of it are picked), then one per type. */
function EventGroupBox({
  group,
  groupTypes,
  selected,
  setTypes,
  toggle,
}: {
  /** The group as shown (its types narrowed by the filter). */
  group: EventGroup;
  /** Every type of the group, shown or not: the group's checkbox acts on them all. */
  groupTypes: string[];
  selected: ReadonlySet<string>;
  setTypes: (types: Set<string>) => void;
  toggle: (type: string, on: boolean) => void;
}) {
  const count = groupTypes.filter((type) => selected.has(type)).length;
  const state = count === 0 ? false : count === groupTypes.length ? true : 'indeterminate';
  return (
    <fieldset className="rounded-md border border-line p-3" data-group={group.group}>
      <legend className="sr-only">{group.label} events</legend>
      <div className="mb-2 flex items-center gap-2 border-b border-line pb-2">
        <Checkbox
          checked={state}
          aria-label={`All ${group.label} events (${group.group}.*)`}
          onCheckedChange={() => {
            const next = new Set(selected);
            for (const type of groupTypes) {
              if (state === true) next.delete(type);
              else next.add(type);
            }
            setTypes(next);
          }}
        />
        <span className="text-sm font-semibold text-fg" aria-hidden="true">
          {group.label}
        </span>
        <span className="ml-auto text-xs text-fg-soft tabular-nums">
          {count} of {groupTypes.length}
        </span>
      </div>
      <ul className="space-y-1.5">
        {group.types.map(({ type, inCatalog }) => {
          const checkboxId = `event-${type}`;
          return (
            <li key={type} className="flex items-start gap-2">
              <Checkbox
                id={checkboxId}
                className="mt-0.5"
                checked={selected.has(type)}
                onCheckedChange={(checked) => toggle(type, checked === true)}
              />
              <label htmlFor={checkboxId} className="min-w-0 cursor-pointer text-sm leading-tight">
                <span className="text-fg">{eventLabel(type)}</span>{' '}
                <code className="block font-mono text-xs [overflow-wrap:anywhere] text-fg-muted">{type}</code>
                {!inCatalog && (
                  <Badge variant="warning" className="ml-1 align-middle">
                    not in catalog
                  </Badge>
                )}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/**
 * Escape with text in the filter clears it and goes no further; with an empty filter it closes the
 * drawer as usual. Radix Dialog listens for Escape on the document in the capture phase, before any
 * React handler runs, so only a capture listener on the window is early enough to stop it.
 */
function useEscapeClearsFilter(filterRef: RefObject<HTMLInputElement | null>, setFilter: (value: string) => void) {
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      const input = filterRef.current;
      if (event.key !== 'Escape' || !input || event.target !== input || input.value === '') return;
      event.preventDefault();
      event.stopPropagation();
      setFilter('');
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [filterRef, setFilter]);
}
