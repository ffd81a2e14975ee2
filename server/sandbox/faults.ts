import type { FastifyInstance } from 'fastify';
import { ERRORS, sendEnvelope } from '../errors.ts';

/**
 * Fault injection for tests and demos: added latency and a share of requests answered 500/3006,
 * set by env var at start and at run time through `GET/PUT <base>/__sandbox/faults` (outside
 * /v3, so the console's proxy never forwards it).
 */

export interface Faults {
  /** Added to every API request, in milliseconds. */
  latency_ms: number;
  /** Share of API requests answered 500/3006, from 0 to 1. */
  failure_rate: number;
}

export const FAULTS_PATH = '/__sandbox/faults';

export function registerFaultRoutes(app: FastifyInstance, basePath: string, faults: Faults): void {
  app.get(`${basePath}${FAULTS_PATH}`, async () => faults);
  app.put(`${basePath}${FAULTS_PATH}`, async (request, reply) => {
    const body = request.body as Partial<Record<keyof Faults, unknown>> | null;
    const latency = body?.latency_ms ?? 0;
    const rate = body?.failure_rate ?? 0;
    if (typeof latency !== 'number' || !Number.isInteger(latency) || latency < 0 || latency > 60_000) {
      return sendEnvelope(reply, ERRORS.badRequest('latency_ms must be an integer from 0 to 60000'));
    }
    if (typeof rate !== 'number' || rate < 0 || rate > 1) {
      return sendEnvelope(reply, ERRORS.badRequest('failure_rate must be a number from 0 to 1'));
    }
    faults.latency_ms = latency;
    faults.failure_rate = rate;
    return faults;
  });
}
