import { useId, useMemo, useState, type ClipboardEvent, type KeyboardEvent, type Ref } from 'react';
import { cn } from '@/lib/cn';
import {
  countryOptions,
  defaultCountryFromLocale,
  parsePhoneEntry,
  splitPhoneInput,
  type PhoneEntry,
} from '@/lib/phone';
import type { CountryCode } from 'libphonenumber-js';

/**
 * The phone filter as chips. Each entry is parsed with libphonenumber-js against a default
 * country (shown, changeable) and kept as E.164; one that cannot be becomes an error chip with
 * the reason, which blocks Save until it is fixed or removed.
 */

export interface PhoneChipsProps {
  /** The input's id, for the field's <label>. */
  id: string;
  value: PhoneEntry[];
  onChange: (next: PhoneEntry[]) => void;
  onBlur?: () => void;
  /** Whether text is typed but not yet a chip (the form counts it as unsaved). */
  onDraftChange?: (hasDraft: boolean) => void;
  /** The account's own lines (E.164), offered as suggestions. */
  suggestions: readonly { e164: string; display: string }[];
  invalid?: boolean;
  describedBy?: string;
  /** The input, for the form to focus when the field has an error. */
  inputRef?: Ref<HTMLInputElement>;
}

export function entryKey(entry: PhoneEntry): string {
  return entry.kind === 'valid' ? entry.e164 : `invalid:${entry.input}`;
}

/** Adds parsed entries, merging duplicates (same E.164, or the same invalid text). */
export function mergeEntries(current: readonly PhoneEntry[], added: readonly PhoneEntry[]): PhoneEntry[] {
  const seen = new Set(current.map(entryKey));
  const next = [...current];
  for (const entry of added) {
    const key = entryKey(entry);
    if (seen.has(key)) continue;
    seen.add(key);
    next.push(entry);
  }
  return next;
}

export function PhoneChips({
  id,
  value,
  onChange,
  onBlur,
  onDraftChange,
  suggestions,
  invalid,
  describedBy,
  inputRef,
}: PhoneChipsProps) {
  const [text, setTextState] = useState('');
  const setText = (next: string) => {
    setTextState(next);
    onDraftChange?.(next.trim() !== '');
  };
  const [country, setCountry] = useState<CountryCode>(() => defaultCountryFromLocale());
  const countries = useMemo(() => countryOptions(), []);
  const countryId = useId();

  const commit = (raw: string): boolean => {
    const pieces = splitPhoneInput(raw);
    if (pieces.length === 0) return false;
    onChange(
      mergeEntries(
        value,
        pieces.map((piece) => parsePhoneEntry(piece, country)),
      ),
    );
    setText('');
    return true;
  };

  // The button pressed (a chip's ×, a suggestion) is gone afterwards: focus goes on to the input.
  const focusInput = () => document.getElementById(id)?.focus();
  const remove = (key: string) => {
    onChange(value.filter((entry) => entryKey(entry) !== key));
    focusInput();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',' || event.key === ';') {
      // Enter must not submit the form; comma and semicolon separate numbers.
      event.preventDefault();
      commit(text);
    } else if (event.key === 'Tab' && !event.shiftKey && text.trim() !== '') {
      // Tab turns the text into a chip and stays here, so the chip can be checked; a second Tab moves on.
      event.preventDefault();
      commit(text);
    } else if (event.key === 'Backspace' && text === '' && value.length > 0) {
      event.preventDefault();
      onChange(value.slice(0, -1));
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData('text');
    // Several numbers at once (a column from a spreadsheet, a list): each becomes a chip now.
    if (splitPhoneInput(pasted).length > 1 || /[\n,;]/.test(pasted)) {
      event.preventDefault();
      commit(`${text} ${pasted}`);
    }
  };

  const unused = suggestions.filter(
    (line) => !value.some((entry) => entry.kind === 'valid' && entry.e164 === line.e164),
  );

  return (
    <div className="space-y-2">
      {value.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label="Phone numbers in the filter">
          {value.map((entry) => {
            const key = entryKey(entry);
            if (entry.kind === 'valid') {
              return (
                <li
                  key={key}
                  className="inline-flex items-center gap-1 rounded-full bg-zinc-100 py-0.5 pr-1 pl-2.5 text-sm text-zinc-900 tabular-nums dark:bg-zinc-800 dark:text-zinc-100"
                >
                  <span title={entry.e164}>{entry.display}</span>
                  <RemoveButton label={`Remove ${entry.display}`} onClick={() => remove(key)} />
                </li>
              );
            }
            return (
              <li
                key={key}
                className="inline-flex max-w-full items-start gap-1 rounded-lg bg-red-50 py-1 pr-1 pl-2.5 text-sm text-red-900 ring-1 ring-red-600/40 dark:bg-red-950 dark:text-red-200"
                data-invalid="true"
              >
                <span className="min-w-0">
                  <span className="font-medium break-all">{entry.input}</span>
                  <span className="block text-xs">{entry.reason}</span>
                </span>
                <button
                  type="button"
                  className="shrink-0 rounded px-1.5 text-xs font-medium underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
                  aria-label={`Edit ${entry.input}`}
                  onClick={() => {
                    remove(key);
                    setText(entry.input);
                  }}
                >
                  Edit
                </button>
                <RemoveButton label={`Remove ${entry.input}`} onClick={() => remove(key)} />
              </li>
            );
          })}
        </ul>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={inputRef}
          id={id}
          type="text"
          inputMode="tel"
          autoComplete="off"
          value={text}
          placeholder={value.length === 0 ? 'All phone numbers: type or paste numbers to filter' : 'Add another number'}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => {
            commit(text);
            onBlur?.();
          }}
          className={cn(
            'h-9 min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 outline-none placeholder:text-zinc-500',
            'focus-visible:border-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500/40',
            'aria-invalid:border-red-600 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-400',
          )}
        />
        <label htmlFor={countryId} className="sr-only">
          Default country for numbers without a country code
        </label>
        <select
          id={countryId}
          value={country}
          onChange={(event) => setCountry(event.target.value as CountryCode)}
          className="h-9 max-w-48 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
        >
          {countries.map((option) => (
            <option key={option.code} value={option.code}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      {unused.length > 0 && (
        <div className="flex flex-wrap items-center gap-1.5 text-xs text-zinc-700 dark:text-zinc-300">
          <span>Your lines:</span>
          {unused.map((line) => (
            <button
              key={line.e164}
              type="button"
              className="rounded-full border border-dashed border-zinc-400 px-2 py-0.5 tabular-nums hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-600 dark:hover:bg-zinc-800"
              aria-label={`Add ${line.display} to the filter`}
              onClick={() => {
                onChange(mergeEntries(value, [{ kind: 'valid', e164: line.e164, display: line.display }]));
                focusInput();
              }}
            >
              + {line.display}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      aria-label={label}
      onClick={onClick}
      className="grid size-5 shrink-0 place-items-center rounded-full text-current hover:bg-black/10 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-white/10"
    >
      <svg viewBox="0 0 16 16" className="size-3" aria-hidden="true">
        <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" />
      </svg>
    </button>
  );
}
