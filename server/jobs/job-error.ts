import type { ErrorEnvelope } from '../../contract/schemas.ts';

/** A job request refused: its envelope is the answer (routes.ts). */
export class JobError extends Error {
  constructor(readonly envelope: ErrorEnvelope) {
    super(envelope.error.message);
  }
}
