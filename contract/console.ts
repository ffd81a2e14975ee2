import { z } from 'zod/mini';

/**
 * Wire shapes of the console's own endpoints (`/__console/...`), which its server answers itself
 * and never forwards. Shared by the server (which answers them) and the page.
 */

/** Where the console's changes go: the kind and origin only, never the key. */
export const upstreamInfoSchema = z.object({
  kind: z.enum(['sandbox', 'linq']),
  origin: z.string(),
});

export type UpstreamInfo = z.infer<typeof upstreamInfoSchema>;
