import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { NativeSelect } from '@/components/ui/native-select';
import { formatCount } from '@/lib/format';
import { groupEventTypes, type EventGroup } from '../model/event-types';
import type { Facets } from './filter';
import { NO_PHONE_FILTER, type ViewState } from '../model/view';
import type { ProblemKind } from '../model/problems';
import { AttentionFilter } from './attention-filter';

/**
 * The structured filters, composable with search and status, all in the page URL: event types
 * ("receives any of", exact), host, phone filter, and "Needs attention". Native selects (every
 * option with its count): one click to open, one to pick, and the keyboard works as everywhere.
 */

export interface SubscriptionFiltersProps {
  view: ViewState;
  facets: Facets | undefined;
  catalog: readonly string[] | undefined;
  /** The counts of "Needs attention" and of each reason; undefined until the catalog and lines are known. */
  attention: { count: number; reasons: Record<ProblemKind, number> } | undefined;
  formatPhone: (e164: string) => string;
  onViewChange: (patch: Partial<ViewState>) => void;
  /** A reason's bulk fix for the rows shown (editors only). */
  onBulkFix: ((reason: ProblemKind) => void) | undefined;
}

const labelClass = 'mb-1 block text-xs font-medium text-fg-soft';

export function SubscriptionFilters({
  view,
  facets,
  catalog,
  attention,
  formatPhone,
  onViewChange,
  onBulkFix,
}: SubscriptionFiltersProps) {
  const ids = { event: useId(), host: useId(), phone: useId() };
  const structured = view.events.length > 0 || view.host !== '' || view.phone !== '' || view.attention;
  // The counts are the account's (what there is to filter on), not the view's: while a search or
  // another filter narrows the view, each says so, so that "(3,334)" is not read as what a pick shows.
  const narrowed = structured || view.q.trim() !== '' || view.status !== 'all';
  const count = (value: number | undefined) =>
    value === undefined ? '' : ` (${formatCount(value)}${narrowed ? ' in all' : ''})`;

  return (
    <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filters">
      <EventTypeFilter
        id={ids.event}
        view={view}
        groups={groupEventTypes(catalog ?? [], [...(facets?.events.keys() ?? []), ...view.events])}
        countOf={(type) => count(facets?.events.get(type) ?? 0)}
        onViewChange={onViewChange}
      />
      <div>
        <label htmlFor={ids.host} className={labelClass}>
          Host
        </label>
        <NativeSelect
          id={ids.host}
          value={view.host}
          className="w-64"
          onChange={(event) => onViewChange({ host: event.target.value })}
        >
          <option value="">All hosts{count(facets?.hosts.length)}</option>
          {view.host !== '' && !facets?.hosts.some(([host]) => host === view.host) && (
            <option value={view.host}>{view.host} (0)</option>
          )}
          {facets?.hosts.map(([host, hostCount]) => (
            <option key={host} value={host}>
              {host}
              {count(hostCount)}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div>
        <label htmlFor={ids.phone} className={labelClass}>
          Phone filter
        </label>
        <NativeSelect
          id={ids.phone}
          value={view.phone}
          className="w-52"
          onChange={(event) => onViewChange({ phone: event.target.value })}
        >
          <option value="">Any phone filter</option>
          <option value={NO_PHONE_FILTER}>All numbers (no filter){count(facets?.withoutPhoneFilter)}</option>
          {view.phone !== '' &&
            view.phone !== NO_PHONE_FILTER &&
            !facets?.phones.some(([phone]) => phone === view.phone) && (
              <option value={view.phone}>{formatPhone(view.phone)} (0)</option>
            )}
          {facets?.phones.map(([phone, phoneCount]) => (
            <option key={phone} value={phone}>
              {formatPhone(phone)}
              {count(phoneCount)}
            </option>
          ))}
        </NativeSelect>
      </div>
      <AttentionFilter
        view={view}
        count={attention?.count}
        reasons={attention?.reasons}
        onViewChange={onViewChange}
        onBulkFix={onBulkFix}
      />
      {structured && (
        <Button
          variant="ghost"
          onClick={() => onViewChange({ events: [], host: '', phone: '', attention: false, reason: '' })}
        >
          Clear filters
        </Button>
      )}
    </div>
  );
}

/** "Receives event type": pick a type to add (grouped as the catalog groups them), and the picked ones as removable chips. */
function EventTypeFilter({
  id,
  view,
  groups,
  countOf,
  onViewChange,
}: {
  id: string;
  view: ViewState;
  groups: EventGroup[];
  /** " (N)" after a type: how many subscriptions receive it. */
  countOf: (type: string) => string;
  onViewChange: (patch: Partial<ViewState>) => void;
}) {
  return (
    <>
      <div>
        <label htmlFor={id} className={labelClass}>
          Receives event type
        </label>
        <NativeSelect
          id={id}
          value=""
          className="w-60"
          onChange={(event) => {
            const type = event.target.value;
            if (type && !view.events.includes(type)) onViewChange({ events: [...view.events, type] });
          }}
        >
          <option value="">{view.events.length > 0 ? 'Add another type…' : 'Any event type'}</option>
          {groups.map((group) => (
            <optgroup key={group.group} label={group.label}>
              {group.types.map(({ type }) => (
                <option key={type} value={type} disabled={view.events.includes(type)}>
                  {type}
                  {countOf(type)}
                </option>
              ))}
            </optgroup>
          ))}
        </NativeSelect>
      </div>
      {view.events.length > 0 && (
        <ul className="flex flex-wrap items-center gap-1.5 pb-1" aria-label="Event types filtered on">
          {view.events.map((type) => (
            <li key={type}>
              <Button
                size="xs"
                variant="secondary"
                className="font-mono"
                aria-label={`Stop filtering on ${type}`}
                onClick={() => onViewChange({ events: view.events.filter((entry) => entry !== type) })}
              >
                {type} <span aria-hidden="true">×</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
