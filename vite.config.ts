import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: {
      '@contract': fileURLToPath(new URL('./contract', import.meta.url)),
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  build: {
    sourcemap: false,
  },
  // Pre-bundle the lazily loaded drawer's dependencies at start-up too, so opening it the first
  // time in `npm start` never triggers a re-optimisation and a page reload.
  optimizeDeps: {
    entries: ['index.html', 'src/**/*.tsx'],
  },
  test: {
    pool: 'forks',
    maxWorkers: 2,
    // A form test types and clicks through a whole flow: well under a second alone, several on a
    // busy machine (measured over 5 s once beside the e2e suite). A hung test still fails.
    testTimeout: 20_000,
    // Two projects: the page's code in jsdom with Testing Library set up; the server, the
    // contract and the scripts in node, without loading a DOM or Testing Library at all.
    projects: [
      {
        extends: true,
        test: {
          name: 'page',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['src/test/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['contract/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/durability.test.ts', '**/*.slow.test.ts', '**/node_modules/**'],
          setupFiles: ['server/test-setup.ts'],
        },
      },
      // Slow on purpose: console processes started and killed with SIGKILL, a thousand-write job.
      {
        extends: true,
        test: {
          name: 'slow',
          environment: 'node',
          include: ['server/**/durability.test.ts', 'server/**/*.slow.test.ts'],
          setupFiles: ['server/test-setup.ts'],
        },
      },
    ],
  },
});
