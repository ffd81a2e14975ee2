import type { IncomingHttpHeaders } from 'node:http';
import { hostForUrl } from '../net.ts';
import { single } from './headers.ts';

/**
 * Checks on who is asking, before anything is read or forwarded:
 * - Host: a DNS-rebinding page reaches 127.0.0.1 under its own name, so any Host the console
 *   does not know is refused, page included.
 * - Origin / Sec-Fetch-Site: a page on another site must not drive the proxy (CSRF). Requests
 *   without either header (curl, the SDK, scripts) are not browsers and pass.
 * - Content-Type: writes are JSON, which a cross-site form cannot send without a preflight.
 */

export interface HostPolicy {
  /** HOST the console listens on. */
  host: string;
  /** The port actually bound (PORT, or the ephemeral one when PORT is 0). */
  port: number;
  /** LINQ_CONSOLE_ALLOWED_HOSTS entries, exact Host header values (e.g. behind a tunnel). */
  extraHosts: readonly string[];
}

export function parseHostList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
}

/** Host header values the console answers to. */
export function allowedHosts({ host, port, extraHosts }: HostPolicy): Set<string> {
  const names = ['127.0.0.1', 'localhost', '[::1]', hostForUrl(host.toLowerCase())];
  const allowed = new Set<string>();
  for (const name of names) {
    allowed.add(`${name}:${port}`);
    // Browsers leave the default port out of Host and Origin.
    if (port === 80) allowed.add(name);
  }
  for (const extra of extraHosts) allowed.add(extra);
  return allowed;
}

/** The console's own origins: http on every allowed host, https only for the extra ones (a TLS tunnel in front). */
export function allowedOrigins(policy: HostPolicy): Set<string> {
  const origins = new Set<string>();
  for (const host of allowedHosts(policy)) origins.add(`http://${host}`);
  for (const extra of policy.extraHosts) origins.add(`https://${extra}`);
  return origins;
}

export function isHostAllowed(hostHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  return hostHeader !== undefined && allowed.has(hostHeader.trim().toLowerCase());
}

/** Why a browser request comes from another site, or undefined when it does not. */
export function crossSiteReason(headers: IncomingHttpHeaders, origins: ReadonlySet<string>): string | undefined {
  const fetchSite = single(headers['sec-fetch-site'])?.trim().toLowerCase();
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return `Sec-Fetch-Site is ${fetchSite}`;
  const origin = single(headers.origin)?.trim().toLowerCase();
  // `Origin: null` (sandboxed frames, file://, redirects) is not the console either.
  if (origin !== undefined && !origins.has(origin)) return 'Origin is not the console';
  return undefined;
}

/** `application/json`, parameters such as charset allowed; nothing else (no `+json`, no text/plain). */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const mediaType = value.split(';', 1)[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}
