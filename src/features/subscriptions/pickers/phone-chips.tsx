import { useId, useMemo, useState, type ClipboardEvent, type KeyboardEvent, type Ref } from 'react';
import type { CountryCode } from 'libphonenumber-js';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import {
  countryOptions,
  defaultCountryFromLocale,
  parsePhoneEntry,
  splitPhoneInput,
  type PhoneEntry,
} from '@/lib/phone';
import { mergeEntries, removeEntry } from '../model/phone-entries';
import { PhoneChipList } from './phone-chip-list';

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
  describedBy?: string | undefined;
  /** The input, for the form to focus when the field has an error. */
  inputRef?: Ref<HTMLInputElement>;
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

  const commit = (raw: string) => {
    const pieces = splitPhoneInput(raw);
    if (pieces.length === 0) return;
    onChange(
      mergeEntries(
        value,
        pieces.map((piece) => parsePhoneEntry(piece, country)),
      ),
    );
    setText('');
  };

  // The button pressed (a chip's ×, a suggestion) is gone afterwards: focus goes on to the input.
  const focusInput = () => document.getElementById(id)?.focus();
  const remove = (key: string) => {
    onChange(removeEntry(value, key));
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
      <PhoneChipList
        entries={value}
        onRemove={remove}
        onEdit={(key, input) => {
          remove(key);
          setText(input);
        }}
      />
      <div className="flex flex-wrap items-center gap-2">
        <div className="min-w-0 flex-1">
          <Input
            ref={inputRef}
            id={id}
            inputMode="tel"
            autoComplete="off"
            value={text}
            placeholder={
              value.length === 0 ? 'All phone numbers: type or paste numbers to filter' : 'Add another number'
            }
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onBlur={() => {
              commit(text);
              onBlur?.();
            }}
          />
        </div>
        <CountrySelect value={country} onChange={setCountry} />
      </div>
      <LineSuggestions
        lines={unused}
        onAdd={(line) => {
          onChange(mergeEntries(value, [{ kind: 'valid', e164: line.e164, display: line.display }]));
          focusInput();
        }}
      />
    </div>
  );
}

/** The country a number without a country code is read in. */
function CountrySelect({ value, onChange }: { value: CountryCode; onChange: (country: CountryCode) => void }) {
  const countries = useMemo(() => countryOptions(), []);
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="sr-only">
        Default country for numbers without a country code
      </label>
      <NativeSelect
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value as CountryCode)}
        className="max-w-48"
      >
        {countries.map((option) => (
          <option key={option.code} value={option.code}>
            {option.label}
          </option>
        ))}
      </NativeSelect>
    </>
  );
}

/** The account's lines not yet in the filter, one button each to add it. */
function LineSuggestions({
  lines,
  onAdd,
}: {
  lines: readonly { e164: string; display: string }[];
  onAdd: (line: { e164: string; display: string }) => void;
}) {
  if (lines.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-1.5 text-xs text-fg-soft">
      <span>Your lines:</span>
      {lines.map((line) => (
        <button
          key={line.e164}
          type="button"
          className="rounded-full border border-dashed border-line-strong px-2 py-0.5 tabular-nums hover:bg-surface-hover focus-visible:outline-2 focus-visible:outline-ring"
          aria-label={`Add ${line.display} to the filter`}
          onClick={() => onAdd(line)}
        >
          + {line.display}
        </button>
      ))}
    </div>
  );
}
