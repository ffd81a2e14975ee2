import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { scheduleCacheNotifications } from '@/lib/query-client';

/**
 * The one set-up of every page-side Vitest file (vite.config.ts, project `page`; the server's
 * files run in node with server/test-setup.ts). Vitest runs without globals here, so Testing
 * Library cannot register its own cleanup: it is done here, once.
 */

// As the page schedules them (src/app/main.tsx).
scheduleCacheNotifications();
// findBy/waitFor still fail when what they wait for never comes, but not because a busy
// 2-core machine (the e2e suite beside it) took over a second to render it.
configure({ asyncUtilTimeout: 5_000 });
// What jsdom lacks and the page uses: Radix controls inside a <form> and the table measure
// themselves, sonner follows the system theme, the virtualiser scrolls the window, and the
// form scrolls its alerts into view. Plain assignments, so no test's unstubbing removes them.
window.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
window.matchMedia ??= (query: string) =>
  ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  }) as MediaQueryList;
window.scrollTo = () => undefined;
Element.prototype.scrollIntoView ??= () => undefined;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});
