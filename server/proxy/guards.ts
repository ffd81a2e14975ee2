import type { IncomingHttpHeaders } from 'node:http';
import { allowedHosts, type HostPolicy } from '../hosts.ts';
import { single } from './headers.ts';

/**
 * Checks on who is asking, before anything is read or forwarded (after the Host check of
 * server/hosts.ts):
 * - Origin / Sec-Fetch-Site: a page on another site must not drive the proxy (CSRF). Requests
 *   without either header (curl, the SDK, scripts) are not browsers and pass.
 * - Content-Type: writes are JSON, which a cross-site form cannot send without a preflight.
 */

/** The console's own origins: http on every allowed host, https only for the extra ones (a TLS tunnel in front). */
export function allowedOrigins(policy: HostPolicy): Set<string> {
  const origins = new Set<string>();
  for (const host of allowedHosts(policy)) origins.add(`http://${host}`);
  for (const extra of policy.extraHosts) origins.add(`https://${extra}`);
  return origins;
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
