/** Where the e2e stack listens; shared by playwright.config.ts and the specs. */
export const CONSOLE_PORT = Number(process.env.E2E_CONSOLE_PORT ?? 5174);
export const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4011);
export const SANDBOX_KEY = 'e2e-sandbox-key';
export const CONSOLE_URL = `http://127.0.0.1:${CONSOLE_PORT}`;
export const SANDBOX_URL = `http://127.0.0.1:${SANDBOX_PORT}/api/partner`;
