import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AuthMode, Role, Session } from '../../contract/console.ts';
import { AUTH_PATHS, CONSOLE_ENDPOINTS } from '../../contract/endpoints.ts';
import { ERRORS, sendEnvelope } from '../errors.ts';
import { sendRefusal } from './refusal-page.ts';
import { isRead } from '../http/classify.ts';
import type { Database } from '../journal/db.ts';
import { registerOidc } from './oidc.ts';
import { parseTrustedProxies, proxyIdentity } from './proxy-auth.ts';
import { roleFor, type Roles } from './roles.ts';
import { createSessionStore, type SessionUser } from './sessions.ts';

/**
 * Who is asking, on every request, and what they may do (README, "Running it for a team"). Runs
 * right after the app-wide guards (http/guards.ts: Host, target, Origin), before anything is read
 * or forwarded:
 * - none: the one local operator, an editor; the journal's actor is "local".
 * - oidc: a session cookie (oidc.ts, sessions.ts), else a page is sent to sign in and an API
 *   path gets 401.
 * - proxy: the authenticating proxy's header, from a trusted address only (proxy-auth.ts).
 * Then the role: viewers read, editors also write; someone in neither list gets the page (which
 * says so, from the session endpoint's 403) and 403 on every API path.
 */

export type AuthConfig =
  | { mode: 'none' }
  | {
      mode: 'oidc';
      issuer: string;
      clientId: string;
      clientSecret: string;
      publicUrl: string;
      sessionSecret: string;
      sessionTtlMs: number;
      roles: Roles;
      /** The clock sessions expire by (tests move it). */
      now?: () => number;
    }
  | { mode: 'proxy'; header: string; trustedProxies: string; roles: Roles };

interface Identity {
  /** Null with sign-in off: the local operator. */
  user: SessionUser | null;
  role: Role | undefined;
}

const LOCAL: Identity = { user: null, role: 'editor' };

export function createAuth(config: AuthConfig, database: Database) {
  const identities = new WeakMap<FastifyRequest['raw'], Identity>();
  const identityOf = (request: FastifyRequest) => identities.get(request.raw) ?? LOCAL;

  /** Who the request is from, or the answer that refuses it. */
  type Who = { user: SessionUser } | { refuse: (reply: FastifyReply) => FastifyReply } | { public: true };

  async function register(app: FastifyInstance): Promise<void> {
    let identify: (request: FastifyRequest) => Promise<Who>;
    if (config.mode === 'oidc') {
      const oidc = await registerOidc(app, {
        issuer: config.issuer,
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        publicUrl: config.publicUrl,
        sessionSecret: config.sessionSecret,
        sessions: createSessionStore(database, config.sessionTtlMs, config.now),
      });
      identify = async (request) => {
        const { kind } = request.requestClass;
        if (kind === 'auth') return { public: true };
        let user;
        try {
          user = await oidc.sessionUser(request);
        } catch (error) {
          request.log.error({ code: (error as { code?: unknown }).code }, 'session lookup failed');
          return { refuse: (reply) => sendEnvelope(reply, ERRORS.databaseUnavailable()) };
        }
        if (user) return { user };
        if (kind === 'page' && isRead(request.method)) {
          return { refuse: (reply) => oidc.redirectToLogin(request, reply) };
        }
        return { refuse: (reply) => sendEnvelope(reply, ERRORS.signInRequired()) };
      };
    } else if (config.mode === 'proxy') {
      const parsed = parseTrustedProxies(config.trustedProxies);
      if ('invalid' in parsed) throw new Error('LINQ_CONSOLE_TRUSTED_PROXIES has an entry that is not an IP or CIDR.');
      const { ranges } = parsed;
      identify = async (request) => {
        const seen = proxyIdentity(request, ranges, config.header);
        if (seen.kind === 'untrusted') {
          const advice = 'Open the console at the address of your organisation’s sign-in proxy, not at its own.';
          return { refuse: (reply) => sendRefusal(request, reply, ERRORS.untrustedProxy(), advice) };
        }
        if (seen.kind === 'anonymous') {
          const advice = `The proxy in front of the console should sign you in and pass your email in ${config.header}. Sign in there again, or ask whoever runs it to check that header.`;
          return { refuse: (reply) => sendRefusal(request, reply, ERRORS.proxyIdentityMissing(config.header), advice) };
        }
        return { user: { email: seen.email, name: null } };
      };
    }

    if (config.mode !== 'none') {
      const { roles } = config;
      app.addHook('onRequest', async (request, reply) => {
        const who = await identify(request);
        if ('public' in who) return;
        if ('refuse' in who) return who.refuse(reply);
        const role = roleFor(roles, who.user.email);
        identities.set(request.raw, { user: who.user, role });
        // Decided on the path the router dispatches (http/classify.ts), whatever its spelling.
        const { kind } = request.requestClass;
        if (kind !== 'linq' && kind !== 'console') return;
        if (role === undefined) return sendEnvelope(reply, ERRORS.notAMember(who.user.email));
        if (role === 'viewer' && !isRead(request.method))
          return sendEnvelope(reply, ERRORS.viewerWrite(who.user.email));
      });
    }

    const mode: AuthMode = config.mode;
    app.get(CONSOLE_ENDPOINTS.session.path, async (request, reply) => {
      const { user, role } = identityOf(request);
      const session: Session = {
        auth: mode,
        user,
        // Someone without a role never gets here (403 above).
        role: role ?? 'viewer',
        sign_out_url: mode === 'oidc' ? AUTH_PATHS.logout : null,
      };
      return reply.header('cache-control', 'no-store').send(session);
    });
  }

  return {
    /** A root plugin (its hook covers every route), after the guards and before every room. */
    plugin: fp(register, { name: 'console-auth', fastify: '5.x', dependencies: ['console-guards'] }),
    /** The journal's actor: the signed-in email, or "local" with sign-in off. */
    actorOf: (request: FastifyRequest) => identityOf(request).user?.email ?? 'local',
  };
}
