import type { ErrorEnvelope } from '../src/features/subscriptions/api/schemas.ts';

/**
 * The Linq error envelope, used by the sandbox and the proxy for every failure they answer.
 * Codes from CONTRACT.md where one is documented; undocumented cases reuse the code of
 * their status family, since clients must rely on status and message only.
 */
export function errorEnvelope(status: number, code: number, message: string): ErrorEnvelope {
  return { error: { status, code, message }, success: false };
}

export const ERRORS = {
  /** Undocumented code for validation failures other than phone numbers. */
  badRequest: (message: string) => errorEnvelope(400, 1001, message),
  phoneNumber: (message = 'Phone number must be in E.164 format') => errorEnvelope(400, 1002, message),
  unauthorized: () => errorEnvelope(401, 2004, 'Unauthorized - missing or invalid authentication token'),
  forbidden: (message = 'Access denied - insufficient permissions for this resource') =>
    errorEnvelope(403, 2005, message),
  notFound: (message = 'Resource not found') => errorEnvelope(404, 2001, message),
  internal: (message = 'Internal server error') => errorEnvelope(500, 3006, message),
} as const;
