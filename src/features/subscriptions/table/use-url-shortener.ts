import { useMemo } from 'react';
import type { Subscription } from '@contract/schemas';
import { distinguishingParts, shortenTargetUrl } from '../model/url-display';

export interface ShortUrl {
  host: string;
  rest: string;
}

let context: CanvasRenderingContext2D | null | undefined;
let family = 'sans-serif';

/**
 * How wide `text` is in the row's URL font (14 px, the page's own family), in CSS pixels;
 * a conservative estimate where canvas is missing (jsdom).
 */
function textWidth(text: string, weight: 400 | 500): number {
  if (context === undefined) {
    context = typeof document === 'undefined' ? null : (document.createElement('canvas').getContext?.('2d') ?? null);
    if (typeof document !== 'undefined') family = getComputedStyle(document.body).fontFamily || family;
  }
  if (!context) return text.length * 8;
  context.font = `${weight} 14px ${family}`;
  return context.measureText(text).width;
}

/**
 * Shortens each row's target URL to the URL column's width (measured by the table), keeping the
 * host and the part that tells it apart from the account's other URLs on that host.
 */
export function useUrlShortener(
  subscriptions: readonly Subscription[],
  width: number,
): (subscription: Subscription) => ShortUrl {
  // Recomputed only when a URL changes, not on every toggle (which replaces the list's array).
  const urls = useMemo(() => subscriptions.map((subscription) => subscription.target_url).join('\n'), [subscriptions]);
  const keep = useMemo(() => distinguishingParts(urls.split('\n')), [urls]);
  return useMemo(() => shortener(keep, width), [keep, width]);
}

/** Shortens URLs to `width` pixels, once per URL. */
function shortener(keep: Map<string, number>, width: number): (subscription: Subscription) => ShortUrl {
  const cache = new Map<string, ShortUrl>();
  const fits = (host: string, rest: string) => width <= 0 || textWidth(host, 500) + textWidth(rest, 400) <= width;
  return (subscription) => {
    const url = subscription.target_url;
    let short = cache.get(url);
    if (!short) {
      short = shortenTargetUrl(url, fits, keep.get(url));
      cache.set(url, short);
    }
    return short;
  };
}
