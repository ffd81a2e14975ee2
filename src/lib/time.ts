/** Times as the page shows them, in the browser's language and time zone. */

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
/** With the time zone: "1 Dec 2026, 14:02:07 GMT+1". */
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'long' });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "5 minutes ago", "in 2 days": relative to `now`. */
export function formatRelativeTime(iso: string, now = Date.now()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const seconds = Math.round((time - now) / 1000);
  // A moment "ahead" is the page's clock lagging its ticker, or the server's clock running ahead.
  if (seconds > 0 && seconds < 300) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return Math.abs(seconds) < 10 ? 'just now' : relative.format(seconds, 'second');
}

/** Formatted once per time, not on every render of a row (the relative times re-render them every 15 s). */
const absoluteCache = new Map<string | number, string>();

export function formatAbsoluteTime(iso: string | number): string {
  let text = absoluteCache.get(iso);
  if (text === undefined) {
    const time = typeof iso === 'number' ? iso : Date.parse(iso);
    text = Number.isNaN(time) ? String(iso) : absolute.format(time);
    if (absoluteCache.size >= 20_000) absoluteCache.clear();
    absoluteCache.set(iso, text);
  }
  return text;
}

const clockTime = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** "14:02:07": a time later today, in words an operator reads at a glance. */
export function formatClockTime(time: number): string {
  return clockTime.format(time);
}
