/**
 * Target URLs as the table shows them: the host, and the part that tells subscriptions apart,
 * with an ellipsis in the middle when the cell is narrow. Many URLs end the same way (the
 * `?version=2026-02-03` the console itself recommends), so cutting from the end, or keeping only
 * the end, reads alike; here the segment that differs from the URL's neighbours is kept.
 */

interface ParsedUrl {
  host: string;
  segments: string[];
  /** `?…` or ''. */
  query: string;
}

const parsedCache = new Map<string, ParsedUrl | null>();

/**
 * An http(s) URL that the URL parser would give back exactly as written: a lower-case host of
 * letters, digits and hyphens (its last label not starting with a digit, so not an IP address; no
 * `xn--`, whose punycode the parser checks), no port, user or fragment, and a path and query of
 * characters the parser never encodes or rewrites (no `%`, `\`, quotes or spaces). Such URLs (nearly
 * all an account holds) are read without the URL parser, which costs 10,000 rows about 30 ms.
 */
const PLAIN_URL =
  /^https?:\/\/((?:[a-z0-9-]+\.)*[a-z-][a-z0-9-]*)((?:\/[A-Za-z0-9._~!$&()*+,;=:@-]*)*)(\?[A-Za-z0-9._~!$&()*+,;=:@/?-]*)?$/;
/** A `.` or `..` segment, which the parser resolves. */
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

function parsePlain(targetUrl: string): ParsedUrl | undefined {
  const match = PLAIN_URL.exec(targetUrl);
  if (!match || match[1]!.includes('xn--') || DOT_SEGMENT.test(match[2]!)) return undefined;
  const path = match[2] || '/';
  const query = match[3] ?? '';
  return { host: match[1]!, segments: splitPath(path), query: query === '?' ? '' : query };
}

/** `/a/b` → ['a', 'b']; `/` → []. */
function splitPath(pathname: string): string[] {
  const segments = pathname.split('/').slice(1);
  return segments.length === 1 && segments[0] === '' ? [] : segments;
}

function parseWithUrl(targetUrl: string): ParsedUrl | null {
  try {
    const url = new URL(targetUrl);
    return { host: url.host, segments: splitPath(url.pathname), query: url.search };
  } catch {
    return null;
  }
}

function parse(targetUrl: string): ParsedUrl | null {
  let parsed = parsedCache.get(targetUrl);
  if (parsed === undefined) {
    parsed = parsePlain(targetUrl) ?? parseWithUrl(targetUrl);
    if (parsedCache.size > 50_000) parsedCache.clear();
    parsedCache.set(targetUrl, parsed);
  }
  return parsed;
}

/** The lower-case host of a target URL ('' when it is not a URL). */
export function hostOf(targetUrl: string): string {
  return parse(targetUrl)?.host.toLowerCase() ?? '';
}

/** "hooks.example.com" and "/linq?version=…" of a target URL, for the two-tone cell. */
export function splitTargetUrl(targetUrl: string): { host: string; rest: string } {
  const parsed = parse(targetUrl);
  if (!parsed) return { host: targetUrl, rest: '' };
  const path = parsed.segments.length > 0 ? `/${parsed.segments.join('/')}` : '';
  return { host: parsed.host, rest: `${path}${parsed.query}` };
}

/** Path segments then the query: what is compared to find the part that differs. */
const tokens = (parsed: ParsedUrl) => [...parsed.segments, parsed.query];

function commonPrefix(a: readonly string[], b: readonly string[]): number {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index += 1;
  return index;
}

/**
 * For each URL, the index of the token (path segment, or `segments.length` for the query) that
 * tells it apart from every other URL of the same host: the first token after the longest prefix
 * it shares with a neighbour in sorted order. URLs alone on their host get -1 (the host is enough).
 */
export function distinguishingParts(targetUrls: readonly string[]): Map<string, number> {
  const byHost = new Map<string, { url: string; tokens: string[] }[]>();
  for (const url of targetUrls) {
    const parsed = parse(url);
    if (!parsed) continue;
    const host = parsed.host.toLowerCase();
    const group = byHost.get(host) ?? [];
    group.push({ url, tokens: tokens(parsed) });
    byHost.set(host, group);
  }
  const result = new Map<string, number>();
  for (const group of byHost.values()) {
    group.sort((a, b) => compareTokens(a.tokens, b.tokens));
    group.forEach((entry, index) => {
      const before = group[index - 1];
      const after = group[index + 1];
      const shared = Math.max(
        before ? commonPrefix(before.tokens, entry.tokens) : -1,
        after ? commonPrefix(after.tokens, entry.tokens) : -1,
      );
      result.set(entry.url, shared);
    });
  }
  return result;
}

function compareTokens(a: readonly string[], b: readonly string[]): number {
  const shared = commonPrefix(a, b);
  if (shared === a.length || shared === b.length) return a.length - b.length;
  return (a[shared] ?? '') < (b[shared] ?? '') ? -1 : 1;
}

/**
 * The host and the rest of `targetUrl`, shortened until `fits(host, rest)`: middle segments go
 * first (merged into one "…"), then the first and the last segment, then the query string; the
 * distinguishing token (`keep`, from distinguishingParts) goes only when nothing else is left.
 */
export function shortenTargetUrl(
  targetUrl: string,
  fits: (host: string, rest: string) => boolean,
  keep = -1,
): { host: string; rest: string } {
  const parsed = parse(targetUrl);
  if (!parsed) return { host: targetUrl, rest: '' };
  const { host, segments, query } = parsed;
  const shown = segments.map(() => true);
  let queryShown = query !== '';
  const render = () => {
    let rest = '';
    segments.forEach((segment, index) => {
      if (shown[index]) rest += `/${segment}`;
      else if (index === 0 || shown[index - 1]) rest += '/…';
    });
    if (query) rest += queryShown ? query : '?…';
    return rest;
  };

  const last = segments.length - 1;
  const middle = segments.map((_, index) => index).filter((index) => index !== 0 && index !== last);
  // Outward from the centre, so the ends of the path stay readable longest.
  middle.sort((a, b) => Math.abs(a - last / 2) - Math.abs(b - last / 2));
  const candidates: (number | 'query')[] = [...middle, 0, last, 'query'];
  const order = candidates.filter((part, index) => {
    if (candidates.indexOf(part) !== index) return false;
    // The query is the distinguishing part when keep points past the segments.
    if (part === 'query') return keep !== segments.length;
    return part !== keep && part >= 0 && part < segments.length;
  });

  let rest = render();
  for (const part of order) {
    if (fits(host, rest)) break;
    if (part === 'query') queryShown = false;
    else shown[part] = false;
    rest = render();
  }
  return { host, rest };
}
