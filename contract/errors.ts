import type { ErrorEnvelope } from './schemas.ts';

/**
 * The Linq error envelope and the refusals of Linq's webhook endpoints, worded once: the sandbox's
 * model of Linq (server/sandbox/model/) answers them, the console's server answers the same ones
 * where it stands in front (server/errors.ts adds its own), and the unit tests' fake meets them
 * through the model. The codes: server/errors.ts, "Every failure either server answers".
 */

export function errorEnvelope(status: number, code: number, message: string): ErrorEnvelope {
  return { error: { status, code, message }, success: false };
}

export const LINQ_ERRORS = {
  badRequest: (message = 'The request could not be read.') => errorEnvelope(400, 1001, message),
  invalidJson: () => errorEnvelope(400, 1001, 'The request body is not valid JSON.'),
  phoneNumber: (message = 'Phone number must be in E.164 format') => errorEnvelope(400, 1002, message),
  unauthorized: () => errorEnvelope(401, 2004, 'Unauthorized - missing or invalid authentication token'),
  forbidden: (message = 'Access denied - insufficient permissions for this resource') =>
    errorEnvelope(403, 2005, message),
  notFound: (message = 'Resource not found') => errorEnvelope(404, 2001, message),
  methodNotAllowed: (allow: string) =>
    errorEnvelope(405, 2002, `This endpoint does not take that method. Allowed: ${allow}.`),
  conflict: () => errorEnvelope(409, 2006, 'A webhook subscription with this target_url already exists'),
  payloadTooLarge: () => errorEnvelope(413, 1003, 'The request body is larger than 1 MiB.'),
  unsupportedMediaType: () =>
    errorEnvelope(415, 1004, 'Send the request body as JSON with Content-Type: application/json.'),
  /** Linq's 429: `retry_after` (seconds, as in the Retry-After header) beside `error`. */
  rateLimited: (seconds: number): ErrorEnvelope => ({
    error: {
      status: 429,
      code: 1007,
      message: `Too many requests - rate limit exceeded. Retry after ${seconds} s.`,
    },
    retry_after: seconds,
    success: false,
  }),
  internal: (message = 'Internal server error') => errorEnvelope(500, 3006, message),
} as const;
