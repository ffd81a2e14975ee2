import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityListSchema, sessionSchema } from '../../contract/console.ts';
import type { Subscription } from '../../contract/schemas.ts';
import { openDatabase, type Database } from '../journal/db.ts';
import {
  cleanupsAfterEach,
  expectEnvelope,
  freePort,
  startTestConsole,
  startTestSandbox,
  type Answer,
} from '../test-http.ts';
import type { AuthConfig } from './auth.ts';
import { rolesFrom } from './roles.ts';
import { startTestIdentityProvider, type TestIdentityProvider } from './test-identity-provider.ts';

/**
 * Built-in sign-in end to end against a real identity provider (oidc-provider, in-process on a
 * loopback port): a browser-like client with a cookie jar follows every redirect of the
 * authorization-code flow with PKCE, through the provider's login page, back to the console's
 * callback; then the session, a journaled write under the user's email, signing out and expiry.
 */

const CLIENT = { clientId: 'linq-console', clientSecret: 'a-client-secret-for-tests' };
const EDITOR = { email: 'Ana@Example.com', password: 'ana-password', name: 'Ana Editor' };
const VIEWER = { email: 'vic@example.com', password: 'vic-password', name: 'Vic Viewer' };
const STRANGER = { email: 'sam@elsewhere.example', password: 'sam-password', name: 'Sam' };
const UNVERIFIED = { email: 'una@example.com', password: 'una-password', name: 'Una', verified: false };
const PUBLIC_HTTPS = 'https://console.example.test';
const TTL_MS = 60 * 60 * 1000;
const cleanups = cleanupsAfterEach();

/** A browser: one cookie jar per origin, redirects followed by hand (each one is checked). */
class Browser {
  readonly jar = new Map<string, Map<string, string>>();
  /** Origins that are really a local port (the https public URL of a console under test). */
  constructor(private readonly aliases: Record<string, string> = {}) {}

  request(method: string, url: string, options: { body?: string; headers?: Record<string, string> } = {}) {
    const target = new URL(url);
    const real = new URL(this.aliases[target.origin] ?? target.origin);
    // A redirect to another site (an open redirect) is where the test stops: nothing leaves loopback.
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(real.hostname)) {
      return Promise.reject(new Error(`the test browser does not leave this machine (asked for ${target.origin})`));
    }
    const cookies = [...(this.jar.get(target.origin) ?? new Map())].map(([name, value]) => `${name}=${value}`);
    return new Promise<Answer & { setCookies: string[] }>((resolve, reject) => {
      const request = httpRequest(
        {
          method,
          host: real.hostname,
          port: real.port,
          path: `${target.pathname}${target.search}`,
          headers: { host: target.host, ...(cookies.length ? { cookie: cookies.join('; ') } : {}), ...options.headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const setCookies = response.headers['set-cookie'] ?? [];
            this.store(target.origin, setCookies);
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString(),
              setCookies,
            });
          });
        },
      );
      request.on('error', reject);
      request.end(options.body);
    });
  }

  private store(origin: string, setCookies: string[]): void {
    const jar = this.jar.get(origin) ?? new Map<string, string>();
    this.jar.set(origin, jar);
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const gone = attributes.some((attribute) => {
        const [key = '', setting = ''] = attribute.trim().split('=');
        return (
          (key.toLowerCase() === 'max-age' && Number(setting) <= 0) ||
          (key.toLowerCase() === 'expires' && Date.parse(setting) < Date.now())
        );
      });
      if (gone || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }

  /** GETs `url` and follows redirects until an answer that is not one; every hop is returned. */
  async follow(url: string, hops: Array<{ url: string; answer: Answer & { setCookies: string[] } }> = []) {
    let current = url;
    for (let count = 0; count < 20; count += 1) {
      const answer = await this.request('GET', current);
      hops.push({ url: current, answer });
      const location = answer.headers.location;
      if (answer.status < 300 || answer.status >= 400 || !location) return { url: current, answer, hops };
      current = new URL(location, current).href;
    }
    throw new Error('too many redirects');
  }
}

/** Signs in through the provider's form; resolves to where the console sent the browser at the end. */
async function signIn(browser: Browser, consoleUrl: string, account: { email: string; password: string }, page = '/') {
  const atLogin = await browser.follow(`${consoleUrl}${page}`);
  expect(atLogin.answer.status).toBe(200);
  expect(atLogin.answer.body).toContain('Sign in to the test identity provider');
  const action = /action="([^"]+)"/.exec(atLogin.answer.body)?.[1] ?? '';
  const posted = await browser.request('POST', new URL(action, atLogin.url).href, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: account.email, password: account.password }).toString(),
  });
  expect(posted.status).toBe(303);
  return browser.follow(new URL(posted.headers.location ?? '', atLogin.url).href, atLogin.hops);
}

let database: Database;

beforeAll(async () => {
  database = await openDatabase({});
}, 120_000);

afterAll(async () => {
  await database?.close();
});

/** A console in oidc mode on the sandbox, and an identity provider that knows its redirect URI. */
async function startOidcConsole(options: { publicUrl?: string; now?: () => number } = {}) {
  const sandbox = await startTestSandbox({ apiKey: 'k' });
  cleanups.push(() => sandbox.close());
  const port = await freePort();
  const publicUrl = options.publicUrl ?? `http://127.0.0.1:${port}`;
  const idp: TestIdentityProvider = await startTestIdentityProvider({
    clients: [{ ...CLIENT, redirectUris: [`${publicUrl}/auth/callback`] }],
    accounts: [EDITOR, VIEWER, STRANGER, UNVERIFIED],
  });
  cleanups.push(() => idp.close());
  const auth: AuthConfig = {
    mode: 'oidc',
    issuer: idp.issuer,
    ...CLIENT,
    publicUrl,
    sessionSecret: 'x'.repeat(32),
    sessionTtlMs: TTL_MS,
    roles: rolesFrom('ana@example.com', '@example.com'),
    ...(options.now ? { now: options.now } : {}),
  };
  const console = await startTestConsole({ baseUrl: sandbox.url, apiKey: 'k', database, auth, publicUrl, port });
  cleanups.push(() => console.close());
  return { console, sandbox, publicUrl, idp };
}

// Real servers on a shared machine: each flow is a dozen HTTP exchanges and a key generated.
describe('sign-in with OpenID Connect', { timeout: 30_000 }, () => {
  it('signs in with code and PKCE, shows the user and role, journals under the email, signs out for good', async () => {
    const { publicUrl, idp } = await startOidcConsole();
    const browser = new Browser();

    // Signed out: API paths are 401, a page is sent to sign in and comes back to where it was.
    expectEnvelope(await browser.request('GET', `${publicUrl}/v3/webhook-subscriptions`), 401, 2004);
    expectEnvelope(await browser.request('GET', `${publicUrl}/__console/session`), 401, 2004);
    const done = await signIn(browser, publicUrl, EDITOR, '/subscriptions?status=active');
    expect(done.url).toBe(`${publicUrl}/subscriptions?status=active`);
    expect(done.answer.status).toBe(200);

    const toIdp = done.hops.find((hop) => hop.url.startsWith(`${publicUrl}/auth/login`));
    const authorize = new URL(toIdp?.answer.headers.location ?? '');
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${publicUrl}/auth/callback`);
    const callback = done.hops.find((hop) => hop.url.startsWith(`${publicUrl}/auth/callback`));
    const sessionCookie = callback?.answer.setCookies.find((line) => line.startsWith('linq_console_session='));
    expect(sessionCookie).toMatch(/; HttpOnly/i);
    expect(sessionCookie).toMatch(/; SameSite=Lax/i);
    expect(sessionCookie).toMatch(/; Path=\//);
    expect(sessionCookie).not.toMatch(/; Secure/i);

    const session = await browser.request('GET', `${publicUrl}/__console/session`);
    expect(sessionSchema.parse(JSON.parse(session.body))).toEqual({
      auth: 'oidc',
      // The address as the identity provider gave it (the role list matched it with ASCII case folded).
      user: { email: 'Ana@Example.com', name: 'Ana Editor' },
      role: 'editor',
      sign_out_url: '/auth/logout',
    });

    // A write in their name.
    const list = JSON.parse((await browser.request('GET', `${publicUrl}/v3/webhook-subscriptions`)).body) as {
      subscriptions: Subscription[];
    };
    const [first] = list.subscriptions;
    const put = await browser.request('PUT', `${publicUrl}/v3/webhook-subscriptions/${first?.id}`, {
      headers: { 'content-type': 'application/json', origin: publicUrl },
      body: '{"is_active":false}',
    });
    expect(put.status).toBe(200);
    const activity = activityListSchema.parse(
      JSON.parse((await browser.request('GET', `${publicUrl}/__console/activity?subscription_id=${first?.id}`)).body),
    );
    expect(activity.entries[0]).toMatchObject({ actor: 'Ana@Example.com', action: 'update', outcome: 'ok' });

    // Signing out: a cross-site post is refused; the page's own ends the session in the database.
    const stolen = browser.jar.get(publicUrl)?.get('linq_console_session') ?? '';
    expectEnvelope(
      await browser.request('POST', `${publicUrl}/auth/logout`, { headers: { origin: 'https://evil.example' } }),
      403,
      2005,
    );
    expect((await browser.request('GET', `${publicUrl}/__console/session`)).status).toBe(200);
    // As the page's API client may send it: an empty body labelled JSON.
    const out = await browser.request('POST', `${publicUrl}/auth/logout`, {
      headers: { origin: publicUrl, 'content-type': 'application/json' },
    });
    expect(out.status).toBe(204);
    expect(browser.jar.get(publicUrl)?.has('linq_console_session')).toBe(false);
    expectEnvelope(await browser.request('GET', `${publicUrl}/__console/session`), 401, 2004);
    // The old cookie, replayed, is worth nothing: the session is gone from the database.
    browser.jar.get(publicUrl)?.set('linq_console_session', stolen);
    expectEnvelope(await browser.request('GET', `${publicUrl}/__console/session`), 401, 2004);
  });

  it('ends a session after its lifetime, whatever its use', async () => {
    let now = Date.now();
    const { publicUrl } = await startOidcConsole({ now: () => now });
    const browser = new Browser();
    await signIn(browser, publicUrl, EDITOR);
    expect((await browser.request('GET', `${publicUrl}/__console/session`)).status).toBe(200);
    now += TTL_MS - 1_000;
    expect((await browser.request('GET', `${publicUrl}/__console/session`)).status).toBe(200);
    now += 2_000;
    expectEnvelope(await browser.request('GET', `${publicUrl}/__console/session`), 401, 2004);
    const page = await browser.request('GET', `${publicUrl}/subscriptions`);
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/auth/login?return_to=%2Fsubscriptions');
  });

  it("refuses a viewer's write at the server, and someone in neither list everything but the page", async () => {
    const { publicUrl, sandbox } = await startOidcConsole();
    const viewer = new Browser();
    await signIn(viewer, publicUrl, VIEWER);
    expect(JSON.parse((await viewer.request('GET', `${publicUrl}/__console/session`)).body)).toMatchObject({
      role: 'viewer',
    });
    const before = JSON.stringify(sandbox.store.state.subscriptions);
    const [first] = sandbox.store.state.subscriptions;
    const refused = await viewer.request('PUT', `${publicUrl}/v3/webhook-subscriptions/${first?.id}`, {
      headers: { 'content-type': 'application/json', origin: publicUrl },
      body: '{"is_active":false}',
    });
    expectEnvelope(refused, 403, 2005);
    expect(JSON.parse(refused.body).error.message).toBe(
      'Access denied - you are signed in as vic@example.com, a viewer; only editors can change subscriptions.',
    );
    expect(JSON.stringify(sandbox.store.state.subscriptions)).toBe(before);
    expect((await viewer.request('GET', `${publicUrl}/__console/activity`)).status).toBe(200);

    const stranger = new Browser();
    await signIn(stranger, publicUrl, STRANGER);
    const session = await stranger.request('GET', `${publicUrl}/__console/session`);
    expectEnvelope(session, 403, 2005);
    expect(session.body).toContain('you are signed in as sam@elsewhere.example');
    expectEnvelope(await stranger.request('GET', `${publicUrl}/v3/webhook-subscriptions`), 403, 2005);
    expect((await stranger.request('GET', `${publicUrl}/`)).status).toBe(200);
  });

  it('refuses an unverified email, a callback it did not start, and a return_to to another site', async () => {
    const { publicUrl } = await startOidcConsole();
    const unverified = await signIn(new Browser(), publicUrl, UNVERIFIED);
    expectEnvelope(unverified.answer, 400, 1001);
    expect(unverified.answer.body).toContain('has not verified');

    expectEnvelope(await new Browser().request('GET', `${publicUrl}/auth/callback?code=abc&state=def`), 400, 1001);

    // Normalised, the last four would start with `//` (attack round 3): each must come back to the console.
    for (const target of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '/auth/logout',
      '/.//evil.example',
      '/..//evil.example',
      '/%2e%2e//evil.example',
      '/.///evil.example',
    ]) {
      const browser = new Browser();
      const done = await signIn(browser, publicUrl, EDITOR, `/auth/login?return_to=${encodeURIComponent(target)}`);
      expect(done.url, target).toBe(`${publicUrl}/`);
    }
  });

  it('sets a Secure __Host- cookie behind an https public URL, whose host it answers to', async () => {
    const { console: app, sandbox } = await startOidcConsole({ publicUrl: PUBLIC_HTTPS });
    const browser = new Browser({ [PUBLIC_HTTPS]: app.url });
    const done = await signIn(browser, PUBLIC_HTTPS, EDITOR);
    expect(done.answer.status).toBe(200);
    const callback = done.hops.find((hop) => hop.url.startsWith(`${PUBLIC_HTTPS}/auth/callback`));
    const cookie = callback?.answer.setCookies.find((line) => line.startsWith('__Host-linq_console_session='));
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
    // The short-lived login cookie (Path=/auth, so not __Host-) has the __Secure- prefix.
    const login = done.hops.find((hop) => hop.url.startsWith(`${PUBLIC_HTTPS}/auth/login`));
    const loginCookie = login?.answer.setCookies.find((line) => line.startsWith('__Secure-linq_console_login='));
    expect(loginCookie).toMatch(/; Secure/i);
    expect(loginCookie).toMatch(/; Path=\/auth/);
    expect(login?.answer.setCookies.some((line) => line.startsWith('linq_console_login='))).toBe(false);
    const id = sandbox.store.state.subscriptions[0]?.id;
    const write = await browser.request('PUT', `${PUBLIC_HTTPS}/__console/labels/${id}`, {
      headers: { 'content-type': 'application/json', origin: PUBLIC_HTTPS },
      body: '{"name":"Billing","note":""}',
    });
    expect(write.status).toBe(200);
  });
});
