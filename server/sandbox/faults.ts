import type { FastifyInstance } from 'fastify';
import { ERRORS, sendEnvelope } from '../errors.ts';
import type { Faults } from './model/linq-model.ts';

/**
 * Fault injection for tests and demos: added latency, a share of requests answered 500/3006 and
 * a rate limit (429/1007, model/rate-limit.ts), set by env var at start and at run time through
 * `GET/PUT <base>/__sandbox/faults` (outside /v3, so the console's proxy never forwards it). A PUT
 * sets all three; an absent one is 0. The model (model/linq-model.ts) applies them.
 */

const MAX_RATE_LIMIT = 100_000;

export const FAULTS_PATH = '/__sandbox/faults';

export function registerFaultRoutes(app: FastifyInstance, basePath: string, faults: Faults): void {
  app.get(`${basePath}${FAULTS_PATH}`, async () => faults);
  app.put(`${basePath}${FAULTS_PATH}`, async (request, reply) => {
    const body = request.body as Partial<Record<keyof Faults, unknown>> | null;
    const latency = body?.latency_ms ?? 0;
    const rate = body?.failure_rate ?? 0;
    const limit = body?.rate_limit ?? 0;
    if (typeof latency !== 'number' || !Number.isInteger(latency) || latency < 0 || latency > 60_000) {
      return sendEnvelope(reply, ERRORS.badRequest('latency_ms must be an integer from 0 to 60000'));
    }
    if (typeof rate !== 'number' || rate < 0 || rate > 1) {
      return sendEnvelope(reply, ERRORS.badRequest('failure_rate must be a number from 0 to 1'));
    }
    if (typeof limit !== 'number' || !(limit >= 0 && limit <= MAX_RATE_LIMIT)) {
      return sendEnvelope(reply, ERRORS.badRequest(`rate_limit must be a number from 0 to ${MAX_RATE_LIMIT}`));
    }
    faults.latency_ms = latency;
    faults.failure_rate = rate;
    faults.rate_limit = limit;
    return faults;
  });
}
