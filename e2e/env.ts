/** Where the e2e stack listens; shared by playwright.config.ts and the specs. */
export const CONSOLE_PORT = Number(process.env.E2E_CONSOLE_PORT ?? 5174);
export const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4011);
export const SANDBOX_KEY = 'e2e-sandbox-key';
export const CONSOLE_URL = `http://127.0.0.1:${CONSOLE_PORT}`;
export const SANDBOX_URL = `http://127.0.0.1:${SANDBOX_PORT}/api/partner`;

/**
 * The sign-in stack (playwright.config.ts starts it in every run; E2E_OIDC=0 leaves it out of a
 * quick local loop): a test identity provider (e2e/oidc-stack.ts: oidc-provider with the accounts
 * below) and a second console in LINQ_CONSOLE_AUTH=oidc mode on the same sandbox, with an
 * embedded journal of its own.
 */
export const OIDC_ENABLED = process.env.E2E_OIDC !== '0';
export const IDP_PORT = Number(process.env.E2E_IDP_PORT ?? 4012);
export const IDP_URL = `http://127.0.0.1:${IDP_PORT}`;
export const OIDC_CONSOLE_PORT = Number(process.env.E2E_OIDC_CONSOLE_PORT ?? 5175);
export const OIDC_CONSOLE_URL = `http://127.0.0.1:${OIDC_CONSOLE_PORT}`;
export const OIDC_CLIENT = { clientId: 'linq-console-e2e', clientSecret: 'e2e-client-secret' };
/** Sign in at the provider's form ("Email", "Password", "Sign in"). */
export const OIDC_USERS = {
  editor: { email: 'editor@example.com', password: 'editor-password', name: 'Edda Editor' },
  viewer: { email: 'viewer@example.com', password: 'viewer-password', name: 'Vera Viewer' },
  /** Signed in, but in neither role list: the page says so, every API path is 403. */
  stranger: { email: 'stranger@elsewhere.example', password: 'stranger-password', name: 'Stan Stranger' },
} as const;
