import { useState } from 'react';
import { formatCount } from '@/lib/format';
import type { PhoneEntry } from '@/lib/phone';
import { entryKey } from '../model/phone-entries';

/** Past this many valid numbers the list is compact: the count, the entries to fix, the first ones. */
export const COMPACT_AFTER = 24;

/**
 * The phone filter's chips: a valid number to remove, or an invalid entry with its reason, to edit
 * or remove. Above the chips, how many there are; a long filter (500 pasted numbers) shows every
 * entry to fix and the first valid ones, with "Show all".
 */
export function PhoneChipList({
  entries,
  onRemove,
  onEdit,
}: {
  entries: readonly PhoneEntry[];
  onRemove: (key: string) => void;
  /** Puts an invalid entry's text back in the input, to be fixed. */
  onEdit: (key: string, input: string) => void;
}) {
  const [showAll, setShowAll] = useState(false);
  if (entries.length === 0) return null;
  const valid = entries.filter((entry) => entry.kind === 'valid').length;
  const toFix = entries.length - valid;
  const compact = !showAll && valid > COMPACT_AFTER;
  let shownValid = 0;
  const shown = compact
    ? entries.filter((entry) => entry.kind !== 'valid' || (shownValid += 1) <= COMPACT_AFTER)
    : entries;
  return (
    <div className="space-y-1.5">
      <p className="text-xs text-fg-muted" aria-live="polite">
        {formatCount(valid)} {valid === 1 ? 'number' : 'numbers'} in the filter
        {toFix > 0 ? ` · ${formatCount(toFix)} to fix` : ''}
        {compact && (
          <>
            {' · '}
            <button
              type="button"
              className="text-accent-fg underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
              onClick={() => setShowAll(true)}
            >
              Show all {formatCount(valid)}
            </button>
          </>
        )}
      </p>
      <ul className="flex flex-wrap gap-1.5" aria-label="Phone numbers in the filter">
        {shown.map((entry) => {
          const key = entryKey(entry);
          if (entry.kind === 'valid') {
            return (
              <li
                key={key}
                className="inline-flex items-center gap-1 rounded-full bg-surface-hover py-0.5 pr-1 pl-2.5 text-sm text-fg tabular-nums"
              >
                <span title={entry.e164}>{entry.display}</span>
                <RemoveButton label={`Remove ${entry.display}`} onClick={() => onRemove(key)} />
              </li>
            );
          }
          return (
            <li
              key={key}
              className="inline-flex max-w-full items-start gap-1 rounded-lg bg-danger-soft py-1 pr-1 pl-2.5 text-sm text-danger-fg ring-1 ring-danger/40"
              data-invalid="true"
            >
              <span className="min-w-0">
                <span className="font-medium break-all">{entry.input}</span>
                <span className="block text-xs">{entry.reason}</span>
              </span>
              <button
                type="button"
                className="shrink-0 rounded px-1.5 text-xs font-medium underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
                aria-label={`Edit ${entry.input}`}
                onClick={() => onEdit(key, entry.input)}
              >
                Edit
              </button>
              <RemoveButton label={`Remove ${entry.input}`} onClick={() => onRemove(key)} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      aria-label={label}
      onClick={onClick}
      className="grid size-5 shrink-0 place-items-center rounded-full text-current hover:bg-fg/10 focus-visible:outline-2 focus-visible:outline-ring"
    >
      <svg viewBox="0 0 16 16" className="size-3" aria-hidden="true">
        <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" />
      </svg>
    </button>
  );
}
