import { afterEach, vi } from 'vitest';

/** The one set-up of every node-side Vitest file (vite.config.ts, project `server`): no DOM here. */
afterEach(() => {
  vi.unstubAllGlobals();
});
