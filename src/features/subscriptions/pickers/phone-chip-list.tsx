import type { PhoneEntry } from '@/lib/phone';
import { entryKey } from '../model/phone-entries';

/** The phone filter's chips: a valid number to remove, or an invalid entry with its reason, to edit or remove. */
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
  if (entries.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Phone numbers in the filter">
      {entries.map((entry) => {
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
