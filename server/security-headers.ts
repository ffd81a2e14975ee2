import type { ServerResponse } from 'node:http';

/** The policy of API answers (JSON, envelopes). */
export const API_CSP = "frame-ancestors 'none'";

/** On every answer, page included: no framing by other sites, no sniffing, no cross-origin reads. */
export function securityHeaders(csp: string = API_CSP): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'content-security-policy': csp,
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  };
}

export function setSecurityHeaders(response: ServerResponse, csp: string = API_CSP): void {
  // Set on the raw response so answers written by the Vite middleware carry them too.
  for (const [name, value] of Object.entries(securityHeaders(csp))) response.setHeader(name, value);
}
