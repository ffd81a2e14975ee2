import { z } from 'zod/mini';

/**
 * Where the console's changes go, as its server reports it at `GET /__console/upstream`: the
 * kind and origin only, never the key. Shared by the server (which answers it) and the page.
 */
export const UPSTREAM_INFO_PATH = '/__console/upstream';

export const upstreamInfoSchema = z.object({
  kind: z.enum(['sandbox', 'linq']),
  origin: z.string(),
});

export type UpstreamInfo = z.infer<typeof upstreamInfoSchema>;
