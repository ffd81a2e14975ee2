import type { FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { ERRORS } from '../errors.ts';
import { isLoopbackHost } from '../net.ts';
import { isEmail } from './roles.ts';
import type { SessionUser } from './sessions.ts';

/**
 * The OpenID Connect steps of a sign-in, by openid-client: discovery, the authorization URL with
 * its PKCE challenge, state and nonce, the code grant with every check, the email from the ID
 * token or userinfo, and what a failed callback is told. oidc.ts holds the routes and cookies.
 */

export interface PendingLogin {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

/** The identity provider's configuration, discovered on first use and kept; a failed discovery is tried again on the next sign-in. */
export function lazyDiscovery(options: {
  issuer: string;
  clientId: string;
  clientSecret: string;
}): () => Promise<client.Configuration> {
  const issuer = new URL(options.issuer);
  let discovered: Promise<client.Configuration> | undefined;
  return () => {
    discovered ??= client
      .discovery(issuer, options.clientId, undefined, client.ClientSecretBasic(options.clientSecret), {
        // Plain http only to an identity provider on this machine (tests, a local IdP).
        execute: issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname) ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };
}

/** A fresh sign-in: its PKCE verifier, state and nonce (kept in the login cookie), and the identity provider's URL. */
export async function newLogin(
  config: client.Configuration,
  redirectUri: string,
  returnTo: string,
): Promise<{ pending: PendingLogin; url: URL }> {
  const pending: PendingLogin = {
    verifier: client.randomPKCECodeVerifier(),
    state: client.randomState(),
    nonce: client.randomNonce(),
    returnTo,
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  });
  return { pending, url };
}

/** The sign-in a (verified) login cookie holds, or undefined. */
export function readPending(value: string | undefined): PendingLogin | undefined {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as PendingLogin;
  } catch {
    return undefined;
  }
}

class SignInError extends Error {}

export async function signedInUser(
  config: client.Configuration,
  currentUrl: URL,
  pending: PendingLogin,
): Promise<SessionUser> {
  const tokens = await client.authorizationCodeGrant(config, currentUrl, {
    pkceCodeVerifier: pending.verifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new SignInError('the identity provider sent no ID token.');
  let email = claims.email;
  let name = claims.name;
  let verified = claims.email_verified;
  if (typeof email !== 'string') {
    // Many providers put the email in userinfo only (OIDC Core 5.4 allows either).
    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    ({ email, name, email_verified: verified } = info);
  }
  if (typeof email !== 'string' || !isEmail(email)) {
    throw new SignInError('the identity provider did not give an email address (scope "email").');
  }
  if (verified === false) throw new SignInError('the identity provider has not verified that email address.');
  // As the identity provider gave it: roles compare it (roles.ts), the journal keeps it.
  return { email, name: typeof name === 'string' ? name : null };
}

export function callbackFailure(request: FastifyRequest, error: unknown) {
  if (error instanceof SignInError) return ERRORS.signInFailed(error.message);
  if (error instanceof client.AuthorizationResponseError) {
    // Only the provider's error code, checked to be one: its description is free text.
    const code = /^[a-z_]{1,64}$/.test(error.error) ? error.error : 'an error';
    return ERRORS.signInFailed(`the identity provider answered "${code}".`);
  }
  const name = (error as Error).name;
  request.log.warn({ cause: (error as { code?: unknown }).code ?? name }, 'OIDC callback refused');
  // fetch's own failures (refused, reset, DNS) and openid-client's time limit.
  if (name === 'TypeError' || name === 'TimeoutError' || name === 'AbortError')
    return ERRORS.identityProviderUnreachable();
  return ERRORS.signInFailed('the answer from the identity provider did not check out.');
}
