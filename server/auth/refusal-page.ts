import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorEnvelope } from '../../contract/schemas.ts';
import { sendEnvelope } from '../errors.ts';
import { isRead } from '../http/classify.ts';

/**
 * A refusal as a browser opening the console should see it: a page of plain HTML that says what
 * is wrong (a person reads it, not a program), for a GET of a page route; every API path, asset or
 * write still gets the Linq error envelope.
 */

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

export function sendRefusal(request: FastifyRequest, reply: FastifyReply, envelope: ErrorEnvelope, advice: string) {
  if (request.requestClass.kind !== 'page' || !isRead(request.method)) return sendEnvelope(reply, envelope);
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Linq Webhook Console: not signed in</title></head>
<body>
<h1>The console cannot tell who you are</h1>
<p>${escapeHtml(envelope.error.message)}</p>
<p>${escapeHtml(advice)}</p>
</body>
</html>
`;
  return reply
    .code(envelope.error.status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(html);
}
