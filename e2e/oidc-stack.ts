import { startTestIdentityProvider } from '../server/auth/test-identity-provider.ts';
import { IDP_PORT, OIDC_CLIENT, OIDC_CONSOLE_URL, OIDC_USERS } from './env.ts';

/**
 * `npx tsx e2e/oidc-stack.ts`: the identity provider of the e2e sign-in stack (playwright.config.ts
 * starts it and the oidc console), on a fixed loopback port, until stopped.
 * Its accounts and client are in e2e/env.ts.
 */

const idp = await startTestIdentityProvider({
  port: IDP_PORT,
  clients: [{ ...OIDC_CLIENT, redirectUris: [`${OIDC_CONSOLE_URL}/auth/callback`] }],
  accounts: Object.values(OIDC_USERS),
});
console.log(`Test identity provider at ${idp.issuer} (client ${OIDC_CLIENT.clientId})`);

const stop = () => void idp.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
