import type { FastifyInstance } from 'fastify';
import { ERRORS, sendEnvelope } from '../errors.ts';
import type { Faults } from './model/linq-model.ts';

/**
 * Fault injection for tests and demos: added latency, a share of requests answered 500/3006, a
 * rate limit (429/1007, model/rate-limit.ts) and subscriptions whose writes always fail, set by
 * env var at start and at run time through `GET/PUT <base>/__sandbox/faults` (outside /v3, so the
 * console's proxy never forwards it). A PUT sets all four; an absent one is 0 (or none). The model (model/linq-model.ts) applies them.
 */

const MAX_RATE_LIMIT = 100_000;
const MAX_FAILING_IDS = 1_000;

export const FAULTS_PATH = '/__sandbox/faults';
/** `GET <base>/__sandbox/stats`: how many requests the rate limit refused so far (the bench counts 429s by it). */
export const STATS_PATH = '/__sandbox/stats';

export function registerFaultRoutes(
  app: FastifyInstance,
  basePath: string,
  faults: Faults,
  rateLimited: () => number,
): void {
  app.get(`${basePath}${FAULTS_PATH}`, async () => faults);
  app.get(`${basePath}${STATS_PATH}`, async () => ({ rate_limited: rateLimited() }));
  app.put(`${basePath}${FAULTS_PATH}`, async (request, reply) => {
    const body = request.body as Partial<Record<keyof Faults, unknown>> | null;
    const latency = body?.latency_ms ?? 0;
    const rate = body?.failure_rate ?? 0;
    const limit = body?.rate_limit ?? 0;
    const failing = body?.failing_ids ?? [];
    if (typeof latency !== 'number' || !Number.isInteger(latency) || latency < 0 || latency > 60_000) {
      return sendEnvelope(reply, ERRORS.badRequest('latency_ms must be an integer from 0 to 60000'));
    }
    if (typeof rate !== 'number' || rate < 0 || rate > 1) {
      return sendEnvelope(reply, ERRORS.badRequest('failure_rate must be a number from 0 to 1'));
    }
    if (typeof limit !== 'number' || !(limit >= 0 && limit <= MAX_RATE_LIMIT)) {
      return sendEnvelope(reply, ERRORS.badRequest(`rate_limit must be a number from 0 to ${MAX_RATE_LIMIT}`));
    }
    if (
      !Array.isArray(failing) ||
      failing.length > MAX_FAILING_IDS ||
      !failing.every((id): id is string => typeof id === 'string' && id.length > 0 && id.length <= 128)
    ) {
      return sendEnvelope(reply, ERRORS.badRequest(`failing_ids must be a list of at most ${MAX_FAILING_IDS} ids`));
    }
    faults.failing_ids = failing;
    faults.latency_ms = latency;
    faults.failure_rate = rate;
    faults.rate_limit = limit;
    return faults;
  });
}
