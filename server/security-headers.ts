import type { ServerResponse } from 'node:http';

/** On every answer, page included: no framing by other sites, no sniffing, no cross-origin reads. */
export function setSecurityHeaders(response: ServerResponse): void {
  // Set on the raw response so answers written by the Vite middleware carry them too.
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('x-frame-options', 'DENY');
  response.setHeader('content-security-policy', "frame-ancestors 'none'");
  response.setHeader('cross-origin-resource-policy', 'same-origin');
  response.setHeader('referrer-policy', 'no-referrer');
}
