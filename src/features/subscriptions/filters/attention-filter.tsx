import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { NativeSelect } from '@/components/ui/native-select';
import { formatCount } from '@/lib/format';
import { PROBLEM_KINDS, PROBLEM_NAMES, type ProblemKind } from '../model/problems';
import type { ViewState } from '../model/view';

/**
 * "Needs attention", then which reason: each with its count, and for a reason a bulk action can
 * fix safely (removing event types; a subscription it would leave with none is refused by the
 * plan), that fix for the rows shown.
 */

/** The reasons a bulk action fixes, and how the fix is named. */
export const BULK_FIXES: Partial<Record<ProblemKind, string>> = {
  'edited-without-version': 'Remove message.edited from these',
  'not-in-catalog': 'Remove the types not in the catalog from these',
};

export function AttentionFilter({
  view,
  count,
  reasons,
  onViewChange,
  onBulkFix,
}: {
  view: ViewState;
  /** Undefined until the catalog and the lines are known. */
  count: number | undefined;
  reasons: Record<ProblemKind, number> | undefined;
  onViewChange: (patch: Partial<ViewState>) => void;
  /** Selects the rows shown and asks to confirm the reason's fix; undefined for a viewer. */
  onBulkFix: ((reason: ProblemKind) => void) | undefined;
}) {
  const id = useId();
  const fix = view.attention && view.reason !== '' ? BULK_FIXES[view.reason] : undefined;
  return (
    <>
      <Button
        variant={view.attention ? 'primary' : 'secondary'}
        aria-pressed={view.attention}
        // Room for its count from the first paint: the count arriving must not wrap the row.
        className="min-w-48"
        onClick={() => onViewChange({ attention: !view.attention, reason: '' })}
      >
        Needs attention{count === undefined ? '' : ` (${formatCount(count)})`}
      </Button>
      {view.attention && (
        <div>
          <label htmlFor={id} className="mb-1 block text-xs font-medium text-fg-soft">
            Reason
          </label>
          <NativeSelect
            id={id}
            value={view.reason}
            className="w-72"
            onChange={(event) => onViewChange({ reason: event.target.value as ProblemKind | '' })}
          >
            <option value="">Any reason</option>
            {PROBLEM_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {PROBLEM_NAMES[kind]}
                {reasons ? ` (${formatCount(reasons[kind])})` : ''}
              </option>
            ))}
          </NativeSelect>
        </div>
      )}
      {fix && onBulkFix && view.reason !== '' && (
        <Button onClick={() => onBulkFix(view.reason as ProblemKind)}>{fix}…</Button>
      )}
    </>
  );
}
