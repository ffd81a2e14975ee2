import { useEffect, useState } from 'react';

type Formatter = (e164: string) => string;

const asStored: Formatter = (e164) => e164;

let loaded: Formatter | undefined;
let loading: Promise<Formatter> | undefined;

/** Loads libphonenumber-js (with the drawer's chunk, never in the first bundle). */
export function loadPhoneFormatter(): Promise<Formatter> {
  loading ??= import('@/lib/phone').then((module) => {
    loaded = module.formatPhoneNumber;
    return loaded;
  });
  return loading;
}

/** International format once the phone library has loaded; E.164 as stored until then. */
export function usePhoneFormatter(): Formatter {
  const [formatter, setFormatter] = useState<Formatter | undefined>(() => loaded);
  useEffect(() => {
    if (formatter) return;
    let cancelled = false;
    void loadPhoneFormatter().then((loadedFormatter) => {
      if (!cancelled) setFormatter(() => loadedFormatter);
    });
    return () => {
      cancelled = true;
    };
  }, [formatter]);
  return formatter ?? asStored;
}
