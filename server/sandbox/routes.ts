import type { FastifyReply, FastifyRequest } from 'fastify';
import { LINQ_ENDPOINTS, type LinqEndpointName } from '../../contract/endpoints.ts';
import type { ErrorEnvelope } from '../../contract/schemas.ts';
import { sendEnvelope } from '../errors.ts';
import type { LinqAnswer, LinqModel } from './model/linq-model.ts';
import type { SandboxStore } from './store.ts';

/**
 * The sandbox's HTTP side of each Linq endpoint of contract/endpoints.ts: the model answers
 * (model/linq-model.ts), the store makes a change durable before it is acknowledged.
 */

export type SandboxRequest = FastifyRequest<{ Params: Record<string, string> }>;
type Handler = (request: SandboxRequest, reply: FastifyReply) => Promise<unknown>;

/** Sends the model's answer: errors as envelopes (never cached), a 204 with no body. */
export function sendAnswer(reply: FastifyReply, answer: LinqAnswer): FastifyReply {
  reply.headers(answer.headers);
  if (answer.status >= 400) return sendEnvelope(reply, answer.body as ErrorEnvelope);
  return reply.code(answer.status).send(answer.body);
}

export function sandboxHandlers(model: LinqModel, store: SandboxStore): Record<LinqEndpointName, Handler> {
  /**
   * Waits until a change is on disk. If the write fails, the change is undone in memory too
   * (unless a later change has replaced the list since), so a 500 means "not applied".
   */
  const persist = async (undo: () => void): Promise<void> => {
    try {
      await store.save();
    } catch (error) {
      undo();
      throw error;
    }
  };
  const handler =
    (endpoint: LinqEndpointName): Handler =>
    async (request, reply) => {
      const { answer, undo } = model.handle({ endpoint, id: request.params.id, body: request.body });
      if (undo) await persist(undo);
      return sendAnswer(reply, answer);
    };
  const names = Object.keys(LINQ_ENDPOINTS) as LinqEndpointName[];
  return Object.fromEntries(names.map((name) => [name, handler(name)])) as Record<LinqEndpointName, Handler>;
}
