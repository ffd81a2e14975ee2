import type { PhoneEntry } from '@/lib/phone';

/** The phone filter's list of entries (chips), as pure functions: no parsing, no rendering. */

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

export function removeEntry(current: readonly PhoneEntry[], key: string): PhoneEntry[] {
  return current.filter((entry) => entryKey(entry) !== key);
}
