import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CONSOLE_ENDPOINTS } from '../../contract/endpoints.ts';
import { jobSubmitSchema } from '../../contract/jobs.ts';
import { PATH_PARAMETER } from '../../contract/endpoints.ts';
import { ERRORS, sendEnvelope } from '../errors.ts';
import type { Database } from '../journal/db.ts';
import { JobError } from './job-error.ts';
import type { JobRunner } from './runner.ts';
import { changedItems, listJobs, readJob } from './store.ts';

/**
 * `/__console/jobs`, an encapsulated plugin: viewers may read jobs; the writes are editors' (the
 * roles plugin refuses a viewer's before these run) and held to the guards' Origin rules.
 */

export interface JobRoutesOptions {
  database: Database;
  runner: JobRunner;
  actorOf: (request: FastifyRequest) => string;
}

/** Newest jobs listed at most. */
export const JOB_LIST_LIMIT = 20;

const idOf = (request: FastifyRequest): string | undefined => {
  const id = (request.params as { id?: unknown }).id;
  return typeof id === 'string' && PATH_PARAMETER.test(id) ? id : undefined;
};

function failed(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof JobError) return sendEnvelope(reply, error.envelope);
  request.log.error({ code: (error as { code?: unknown }).code }, 'bulk job request failed');
  return sendEnvelope(reply, ERRORS.databaseUnavailable());
}

function readBody(request: FastifyRequest): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: Buffer.isBuffer(request.body) ? JSON.parse(request.body.toString('utf8')) : undefined };
  } catch {
    return { ok: false };
  }
}

export async function jobRoutes(app: FastifyInstance, { database, runner, actorOf }: JobRoutesOptions): Promise<void> {
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  app.get(CONSOLE_ENDPOINTS.listJobs.path, async (request, reply) => {
    try {
      return noStore(reply).send({ jobs: await listJobs(database.query, JOB_LIST_LIMIT) });
    } catch (error) {
      return failed(request, reply, error);
    }
  });

  app.post(CONSOLE_ENDPOINTS.submitJob.path, async (request, reply) => {
    const body = readBody(request);
    if (!body.ok) return sendEnvelope(reply, ERRORS.invalidJson());
    const parsed = jobSubmitSchema.safeParse(body.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') || 'body';
      return sendEnvelope(reply, ERRORS.badRequest(`The job is not valid: ${where}: ${issue?.message ?? 'invalid'}.`));
    }
    try {
      return noStore(reply)
        .code(201)
        .send(await runner.submit(actorOf(request), parsed.data));
    } catch (error) {
      return failed(request, reply, error);
    }
  });

  app.get(CONSOLE_ENDPOINTS.getJob.path.replace('{id}', ':id'), async (request, reply) => {
    const id = idOf(request);
    const sinceText = (request.query as { since?: unknown }).since;
    if (sinceText !== undefined && (typeof sinceText !== 'string' || !/^\d{1,15}$/.test(sinceText))) {
      return sendEnvelope(reply, ERRORS.badRequest('since must be a revision (a whole number) this job gave.'));
    }
    try {
      const found = id === undefined ? undefined : await readJob(database.query, id);
      if (!found || id === undefined) return sendEnvelope(reply, ERRORS.notFound());
      const items = await changedItems(database.query, id, sinceText === undefined ? undefined : Number(sinceText));
      return noStore(reply).send({ job: found.job, items, rev: found.rev });
    } catch (error) {
      return failed(request, reply, error);
    }
  });

  const control = (path: string, status: number, act: (id: string, request: FastifyRequest) => Promise<unknown>) =>
    app.post(path.replace('{id}', ':id'), async (request, reply) => {
      const id = idOf(request);
      if (id === undefined) return sendEnvelope(reply, ERRORS.notFound());
      try {
        return noStore(reply)
          .code(status)
          .send(await act(id, request));
      } catch (error) {
        return failed(request, reply, error);
      }
    });

  control(CONSOLE_ENDPOINTS.stopJob.path, 200, (id) => runner.stop(id));
  control(CONSOLE_ENDPOINTS.resumeJob.path, 200, (id, request) => runner.rerun(id, actorOf(request), 'resume'));
  control(CONSOLE_ENDPOINTS.retryJob.path, 200, (id, request) => runner.rerun(id, actorOf(request), 'retry'));
  control(CONSOLE_ENDPOINTS.leaveJob.path, 200, (id) => runner.leave(id));
  control(CONSOLE_ENDPOINTS.undoJob.path, 201, (id, request) => runner.undo(id, actorOf(request)));
}
