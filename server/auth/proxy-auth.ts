import ipaddr from 'ipaddr.js';
import type { FastifyRequest } from 'fastify';
import { single } from '../proxy/headers.ts';
import { isEmail } from './roles.ts';

/**
 * LINQ_CONSOLE_AUTH=proxy: an authenticating proxy (oauth2-proxy, say) in front says who the user
 * is in a header (LINQ_CONSOLE_AUTH_HEADER, default X-Forwarded-Email). The header means something
 * only on a connection from one of LINQ_CONSOLE_TRUSTED_PROXIES, judged by the socket's own
 * remote address (never by X-Forwarded-For, which any client can write); from anywhere else the
 * request is refused whatever it carries.
 */

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** IPs and CIDRs, IPv4 and IPv6; the first entry that is neither, as `invalid`. */
export function parseTrustedProxies(list: string | undefined): { ranges: Range[] } | { invalid: string } {
  const ranges: Range[] = [];
  for (const raw of (list ?? '').split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    try {
      if (entry.includes('/')) ranges.push(ipaddr.parseCIDR(entry));
      else {
        const address = ipaddr.parse(entry);
        ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
      }
    } catch {
      return { invalid: entry };
    }
  }
  return { ranges };
}

export function isTrusted(ranges: readonly Range[], remoteAddress: string | undefined): boolean {
  if (remoteAddress === undefined || !ipaddr.isValid(remoteAddress)) return false;
  // `::ffff:10.0.0.5` (a dual-stack socket) is the IPv4 address it carries.
  const address = ipaddr.process(remoteAddress);
  return ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}

export type ProxyIdentity = { kind: 'untrusted' } | { kind: 'anonymous' } | { kind: 'user'; email: string };

export function proxyIdentity(request: FastifyRequest, ranges: readonly Range[], header: string): ProxyIdentity {
  if (!isTrusted(ranges, request.raw.socket.remoteAddress)) return { kind: 'untrusted' };
  // Two values (Node joins them with ", ") are not an email: refused rather than picking one.
  const email = single(request.headers[header])?.trim();
  if (email === undefined || !isEmail(email)) return { kind: 'anonymous' };
  return { kind: 'user', email: email.toLowerCase() };
}
