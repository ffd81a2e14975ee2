import type { ServerResponse } from 'node:http';

/**
 * Security headers and the Content-Security-Policy of each kind of answer (README, "Security").
 */

/** API answers (JSON, envelopes): nothing in them may load or run anything, nor be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The page and its assets: scripts, connections and objects from the console's own origin only.
 * Inline styles are allowed because sonner injects a <style> element at run time and React sets
 * style attributes; styles cannot run code.
 */
const PAGE_DIRECTIVES = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'frame-ancestors': "'none'",
  'form-action': "'self'",
};

const policy = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

/** `npm run serve`: the built page has no inline script at all. */
export const SERVE_PAGE_CSP = policy(PAGE_DIRECTIVES);

/**
 * `npm start`: the same, relaxed by what Vite's client needs and nothing more: its inline
 * react-refresh preamble (by hash, not 'unsafe-inline'), the HMR websocket on the page's own
 * host, and the blob: worker its client pings the restarted server from.
 */
export function devPageCsp(inlineScriptHashes: readonly string[], host: string): string {
  return policy({
    ...PAGE_DIRECTIVES,
    'script-src': ["'self'", ...inlineScriptHashes].join(' '),
    'connect-src': `'self' ws://${host}`,
    'worker-src': "'self' blob:",
  });
}

/**
 * On every answer, page included: no framing by other sites, no sniffing, no cross-origin reads,
 * and the API policy (a page answer then replaces the policy with its own).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': API_CSP,
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};
const HEADER_ENTRIES = Object.entries(SECURITY_HEADERS);

export function setSecurityHeaders(response: ServerResponse): void {
  // Set on the raw response so answers written by the Vite middleware carry them too.
  for (const [name, value] of HEADER_ENTRIES) response.setHeader(name, value);
}
