import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AUTH_PATHS } from '../../contract/endpoints.ts';
import { ERRORS, sendEnvelope } from '../errors.ts';
import { canonicalPath } from '../http/paths.ts';
import { callbackFailure, lazyDiscovery, newLogin, readPending, signedInUser } from './oidc-flow.ts';
import type { SessionStore, SessionUser } from './sessions.ts';

/**
 * LINQ_CONSOLE_AUTH=oidc: sign-in with OpenID Connect, authorization code with PKCE, by
 * openid-client (panva's certified client). /auth/login sends the browser to the identity
 * provider with a PKCE challenge, state and nonce, whose verifier travels in a short-lived signed
 * cookie; /auth/callback checks all three and the ID token, then starts a session (sessions.ts).
 * The identity is the email claim (from the ID token, else from userinfo).
 */

export interface OidcOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** LINQ_CONSOLE_PUBLIC_URL: where browsers reach the console; the redirect URI hangs off it. */
  publicUrl: string;
  /** LINQ_CONSOLE_SESSION_SECRET: signs the cookies. */
  sessionSecret: string;
  sessions: SessionStore;
}

const LOGIN_MAX_AGE_S = 10 * 60;
/** __Secure-: over https the browser keeps it only with Secure (its Path is /auth, so not __Host-). */
export const loginCookieName = (secure: boolean) => (secure ? '__Secure-linq_console_login' : 'linq_console_login');

export const sessionCookieName = (secure: boolean) =>
  // __Host-: the browser keeps it only if Secure, Path=/ and no Domain, so no sibling site sets it.
  secure ? '__Host-linq_console_session' : 'linq_console_session';

/**
 * A same-origin path to come back to after sign-in; anything else is the console's root. Judged
 * after normalisation (the URL parser's), so `/.//evil.example`, `/..//x` and `/%2e%2e//x` can
 * never come out as `//host`.
 */
export function safeReturnTo(value: unknown): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (typeof value !== 'string' || value.length > 2_000 || /[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  if (!value.startsWith('/') || value.startsWith('//')) return '/';
  const base = 'http://console.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return '/';
  }
  // `/.//x` and `/%2e%2e//x` parse to the path `//x`: a protocol-relative URL, so the root.
  if (url.origin !== base || url.pathname.startsWith('//') || canonicalPath(url.pathname).startsWith('/auth/'))
    return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The login path that comes back to `path`. */
export const loginPath = (path: string) => `${AUTH_PATHS.login}?return_to=${encodeURIComponent(safeReturnTo(path))}`;

export async function registerOidc(app: FastifyInstance, options: OidcOptions) {
  // HMAC-signed cookies (the session id is random already; the signature refuses made-up ones unread).
  await app.register(fastifyCookie, { secret: options.sessionSecret });
  const publicUrl = new URL(options.publicUrl);
  const secure = publicUrl.protocol === 'https:';
  const sessionCookie = sessionCookieName(secure);
  const loginCookie = loginCookieName(secure);
  const redirectUri = new URL(AUTH_PATHS.callback, publicUrl).href;

  const configuration = lazyDiscovery(options);

  const readSigned = (request: FastifyRequest, name: string): string | undefined => {
    const raw = request.cookies[name];
    if (raw === undefined) return undefined;
    const unsigned = request.unsignCookie(raw);
    return unsigned.valid && unsigned.value !== null ? unsigned.value : undefined;
  };

  app.get(AUTH_PATHS.login, async (request, reply) => {
    let config;
    try {
      config = await configuration();
    } catch (error) {
      request.log.warn({ cause: (error as { code?: unknown }).code }, 'OIDC discovery failed');
      return sendEnvelope(reply, ERRORS.identityProviderUnreachable());
    }
    const returnTo = safeReturnTo((request.query as { return_to?: unknown }).return_to);
    const { pending, url } = await newLogin(config, redirectUri, returnTo);
    reply.setCookie(loginCookie, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/auth',
      maxAge: LOGIN_MAX_AGE_S,
    });
    return reply.header('cache-control', 'no-store').redirect(url.href, 303);
  });

  app.get(AUTH_PATHS.callback, async (request, reply) => {
    const pending = readPending(readSigned(request, loginCookie));
    reply.clearCookie(loginCookie, { path: '/auth', secure });
    if (!pending) {
      return sendEnvelope(
        reply,
        ERRORS.signInFailed('it took longer than 10 minutes, or was started again elsewhere.'),
      );
    }

    let user: SessionUser;
    try {
      user = await signedInUser(await configuration(), new URL(request.raw.url ?? '/', publicUrl), pending);
    } catch (error) {
      return sendEnvelope(reply, callbackFailure(request, error));
    }
    let session;
    try {
      session = await options.sessions.create(user);
    } catch (error) {
      request.log.error({ code: (error as { code?: unknown }).code }, 'session not stored');
      return sendEnvelope(reply, ERRORS.databaseUnavailable());
    }
    reply.setCookie(sessionCookie, session.id, {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      expires: session.expiresAt,
    });
    return reply.header('cache-control', 'no-store').redirect(pending.returnTo, 303);
  });

  app.post(AUTH_PATHS.logout, async (request, reply) => {
    const id = readSigned(request, sessionCookie);
    if (id !== undefined) {
      try {
        await options.sessions.remove(id);
      } catch (error) {
        request.log.error({ code: (error as { code?: unknown }).code }, 'session not removed');
        return sendEnvelope(reply, ERRORS.databaseUnavailable());
      }
    }
    reply.clearCookie(sessionCookie, { path: '/', secure, httpOnly: true, sameSite: 'lax' });
    return reply.code(204).header('cache-control', 'no-store').send();
  });

  return {
    /** The signed-in user of this request, or undefined; throws when the database cannot say. */
    async sessionUser(request: FastifyRequest): Promise<SessionUser | undefined> {
      const id = readSigned(request, sessionCookie);
      return id === undefined ? undefined : options.sessions.find(id);
    },
    /** Where a signed-out page request is sent. */
    redirectToLogin: (request: FastifyRequest, reply: FastifyReply) =>
      reply.header('cache-control', 'no-store').redirect(loginPath(request.raw.url ?? '/'), 303),
  };
}
