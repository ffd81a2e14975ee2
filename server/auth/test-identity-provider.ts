import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ClientMetadata } from 'oidc-provider';

/**
 * A real OpenID Connect provider for the tests and the e2e stack: panva's oidc-provider (certified,
 * the same author as openid-client) on a loopback port, with fixed accounts and one small login
 * page of its own instead of the package's development pages. Authorization code with PKCE only.
 * Never part of the console: it exists so sign-in is tested against a real IdP, not a mock.
 */

export interface TestAccount {
  email: string;
  password: string;
  name: string;
  /** Sent as email_verified (default true). */
  verified?: boolean;
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface TestIdentityProvider {
  /** The issuer URL, e.g. http://127.0.0.1:4012 */
  issuer: string;
  close(): Promise<void>;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginForm(uid: string, error?: string): string {
  return page(
    'Sign in to the test identity provider',
    `${error ? `<p role="alert">${escape(error)}</p>` : ''}
    <form method="post" action="/interaction/${escape(uid)}">
      <label>Email <input name="email" type="email" autocomplete="username" required></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <button type="submit">Sign in</button>
    </form>`,
  );
}

async function formBody(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startTestIdentityProvider(options: {
  clients: TestClient[];
  accounts: TestAccount[];
  port?: number;
  host?: string;
}): Promise<TestIdentityProvider> {
  const host = options.host ?? '127.0.0.1';
  const accounts = new Map(options.accounts.map((account) => [account.email.toLowerCase(), account]));
  // Made once the port is known (the issuer URL holds it); requests before that are answered 503.
  // eslint-disable-next-line prefer-const -- assigned after listen, read by the handler before
  let provider: Provider | undefined;

  async function interaction(request: IncomingMessage, response: ServerResponse, uid: string): Promise<void> {
    if (!provider) throw new Error('not ready');
    const details = await provider.interactionDetails(request, response);
    const send = (status: number, html: string) => {
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(html);
    };
    let accountId = details.session?.accountId;
    if (details.prompt.name === 'login') {
      if (request.method !== 'POST') return send(200, loginForm(uid));
      const form = await formBody(request);
      const account = accounts.get((form.get('email') ?? '').toLowerCase());
      if (!account || account.password !== form.get('password'))
        return send(200, loginForm(uid, 'Wrong email or password.'));
      accountId = account.email.toLowerCase();
    }
    if (accountId === undefined) return send(400, page('No account', '<p>Sign in first.</p>'));
    // Consent is given for the test accounts: the console asks only for openid, email, profile.
    const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(
      request,
      response,
      { login: { accountId }, consent: { grantId } },
      {
        mergeWithLastSubmission: false,
      },
    );
  }

  const server = createServer((request, response) => {
    const match = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec((request.url ?? '').split('?', 1)[0] ?? '');
    if (match?.[1]) {
      interaction(request, response, match[1]).catch(() => {
        if (!response.headersSent) response.writeHead(400, { 'content-type': 'text/plain' });
        response.end('This sign-in has expired. Start again from the console.');
      });
      return;
    }
    if (!provider) {
      response.writeHead(503).end();
      return;
    }
    provider.callback()(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'test' };
  const clients: ClientMetadata[] = options.clients.map((client) => ({
    client_id: client.clientId,
    client_secret: client.clientSecret,
    redirect_uris: client.redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }));
  provider = new Provider(issuer, {
    clients,
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_context, interaction) => `/interaction/${interaction.uid}` },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_context, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, email: account.email, email_verified: account.verified ?? true, name: account.name }),
      };
    },
  });

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
