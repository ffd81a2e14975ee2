import type { FastifyReply } from 'fastify';
import type { ErrorEnvelope } from '../src/features/subscriptions/api/schemas.ts';

/** Both servers refuse request bodies over 1 MiB. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

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
  methodNotAllowed: (allow: string) =>
    errorEnvelope(405, 2002, `This endpoint does not take that method. Allowed: ${allow}.`),
  payloadTooLarge: () => errorEnvelope(413, 1003, 'The request body is larger than 1 MiB.'),
  unsupportedMediaType: () =>
    errorEnvelope(415, 1004, 'Send the request body as JSON with Content-Type: application/json.'),
  internal: (message = 'Internal server error') => errorEnvelope(500, 3006, message),
} as const;

/** Answers with an envelope: its status, JSON, never cached. */
export function sendEnvelope(reply: FastifyReply, envelope: ErrorEnvelope): FastifyReply {
  return reply.code(envelope.error.status).header('cache-control', 'no-store').type('application/json').send(envelope);
}
