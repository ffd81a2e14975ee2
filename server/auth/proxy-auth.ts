import ipaddr from 'ipaddr.js';
import type { FastifyRequest } from 'fastify';
import { single } from '../http/headers.ts';
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
      const [text = '', bits, ...rest] = entry.split('/');
      const address = parseAddress(text);
      const max = address.kind() === 'ipv4' ? 32 : 128;
      const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
      if (rest.length > 0 || !(prefix >= 0 && prefix <= max)) throw new Error('not a CIDR');
      // A mapped `::ffff:a.b.c.d/1xx` entry is the IPv4 range it spells, as peers are (peerAddress).
      const ipv6 = address.kind() === 'ipv6' ? (address as ipaddr.IPv6) : undefined;
      if (ipv6?.isIPv4MappedAddress() && prefix >= 96) ranges.push([ipv6.toIPv4Address(), prefix - 96]);
      else ranges.push([address, prefix]);
    } catch {
      return { invalid: entry };
    }
  }
  return { ranges };
}

/**
 * An IP address read exactly. IPv6 goes through the WHATWG URL parser's serialisation first:
 * ipaddr.js reads the IPv4-compatible `::10.0.0.4` as if it were the mapped `::ffff:10.0.0.4`,
 * which is another host. A zone (`%eth0`) is dropped. Throws on anything that is not an address.
 */
export function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 {
  if (!text.includes(':')) {
    if (!ipaddr.IPv4.isValidFourPartDecimal(text)) throw new Error('not a dotted IPv4 address');
    return ipaddr.IPv4.parse(text);
  }
  const serialised = new URL(`http://[${text.replace(/%.*$/, '')}]/`).hostname.slice(1, -1);
  return ipaddr.IPv6.parse(serialised);
}

/**
 * The peer's address as the host it is: only a real IPv4-mapped `::ffff:a.b.c.d` (a dual-stack
 * socket) is `a.b.c.d`; every other IPv6 address, IPv4-compatible `::a.b.c.d` among them, stays IPv6.
 */
export function peerAddress(remoteAddress: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const address = parseAddress(remoteAddress);
  if (address.kind() === 'ipv4') return address;
  const ipv6 = address as ipaddr.IPv6;
  return ipv6.isIPv4MappedAddress() ? ipv6.toIPv4Address() : ipv6;
}

export function isTrusted(ranges: readonly Range[], remoteAddress: string | undefined): boolean {
  if (remoteAddress === undefined) return false;
  let address;
  try {
    address = peerAddress(remoteAddress);
  } catch {
    return false;
  }
  return ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}

export type ProxyIdentity = { kind: 'untrusted' } | { kind: 'anonymous' } | { kind: 'user'; email: string };

export function proxyIdentity(request: FastifyRequest, ranges: readonly Range[], header: string): ProxyIdentity {
  if (!isTrusted(ranges, request.raw.socket.remoteAddress)) return { kind: 'untrusted' };
  // Two values (Node joins them with ", ") are not an email: refused rather than picking one.
  const email = single(request.headers[header])?.trim();
  if (email === undefined || !isEmail(email)) return { kind: 'anonymous' };
  // As the proxy gave it: roles compare it (roles.ts), the journal keeps it.
  return { kind: 'user', email };
}
