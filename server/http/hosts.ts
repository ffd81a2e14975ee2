import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorEnvelope } from '../../contract/schemas.ts';
import { ERRORS, sendEnvelope } from '../errors.ts';
import { hostForUrl } from '../net.ts';

/**
 * Which Host headers a server answers to, for both servers. A DNS-rebinding page reaches
 * 127.0.0.1 under a name of its own, so any Host the server does not know is refused before
 * anything else is read, key check, page and fault switch included.
 */

export interface HostPolicy {
  /** HOST the server listens on. */
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

/** Host header values a server answers to. */
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

export function isHostAllowed(hostHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  return hostHeader !== undefined && allowed.has(hostHeader.trim().toLowerCase());
}

/** Node keeps the first of repeated Host headers; RFC 9112 §3.2 says to refuse such a request. */
function hasRepeatedHost(rawHeaders: readonly string[]): boolean {
  let count = 0;
  for (let index = 0; index < rawHeaders.length; index += 2) {
    if (rawHeaders[index]?.toLowerCase() === 'host') count += 1;
  }
  return count > 1;
}

/**
 * The policy of `app` once it listens: the bound port is read once then (PORT may be 0); before
 * that, `port` stands in.
 */
export function boundHostPolicy(app: FastifyInstance, host: string, port: number, extraHosts: readonly string[]) {
  let boundPort: number | undefined;
  return (): HostPolicy => {
    if (boundPort === undefined) {
      const address = app.server.address() as AddressInfo | string | null;
      if (address !== null && typeof address === 'object') boundPort = address.port;
    }
    return { host, port: boundPort ?? port, extraHosts };
  };
}

/** Answers a request with a repeated (400) or foreign (403, `foreign`) Host; undefined when it may go on. */
export function refuseHost(
  request: FastifyRequest,
  reply: FastifyReply,
  allowed: ReadonlySet<string>,
  foreign: ErrorEnvelope,
): FastifyReply | undefined {
  if (hasRepeatedHost(request.raw.rawHeaders)) return sendEnvelope(reply, ERRORS.badRequest());
  if (!isHostAllowed(request.headers.host, allowed)) return sendEnvelope(reply, foreign);
  return undefined;
}
