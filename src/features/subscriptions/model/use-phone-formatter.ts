import { useEffect, useState } from 'react';

type Formatter = (e164: string) => string;

/** E.164 as stored: what rows show if the phone library cannot be loaded at all. */
const asStored: Formatter = (e164) => e164;

let loaded: Formatter | undefined;
// Started when the page's code loads, in parallel with the first list request, so the rows can
// show formatted numbers from their first paint (libphonenumber-js stays out of the first bundle).
const loading: Promise<Formatter> = import('@/lib/phone').then(
  (module) => (loaded = module.formatPhoneNumber),
  () => (loaded = asStored),
);

/** International format ("+1 415 555 0123"); undefined until the phone library has loaded. */
export function usePhoneFormatter(): Formatter | undefined {
  const [formatter, setFormatter] = useState<Formatter | undefined>(() => loaded);
  useEffect(() => {
    if (formatter) return;
    let cancelled = false;
    void loading.then((ready) => {
      if (!cancelled) setFormatter(() => ready);
    });
    return () => {
      cancelled = true;
    };
  }, [formatter]);
  return formatter;
}
