import { describe, expect, it } from 'vitest';
import { activityListSchema, sessionSchema } from '../../contract/console.ts';
import {
  cleanupsAfterEach,
  expectEnvelope,
  fetchAnswer,
  prepareTestDatabase,
  startTestConsole,
  startTestSandbox,
} from '../test-http.ts';
import { rolesFrom } from './roles.ts';
import { isTrusted, parseTrustedProxies } from './proxy-auth.ts';
import { parseMembers, roleFor } from './roles.ts';

prepareTestDatabase();

/**
 * Behind an authenticating proxy (LINQ_CONSOLE_AUTH=proxy), judged by the real socket address:
 * the console listens on 127.0.0.1, so trusting 127.0.0.1/32 makes these requests the proxy's,
 * and trusting only 10.0.0.0/8 makes them anybody's. Also sign-in off (`none`).
 */

const cleanups = cleanupsAfterEach();
const ROLES = rolesFrom('ana@example.com, @ops.example', 'vic@example.com');

async function start(trustedProxies: string, header = 'x-forwarded-email') {
  const sandbox = await startTestSandbox({ apiKey: 'k' });
  cleanups.push(() => sandbox.close());
  const console = await startTestConsole({
    baseUrl: sandbox.url,
    apiKey: 'k',
    auth: { mode: 'proxy', header, trustedProxies, roles: ROLES },
  });
  cleanups.push(() => console.close());
  const call = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    fetchAnswer(`${console.url}${path}`, method, body, headers);
  return { sandbox, call };
}

describe('behind a trusted authenticating proxy', () => {
  it('takes the user from the header and the role from the lists', async () => {
    const { call } = await start('127.0.0.1/32');
    const as = (email: string) => ({ 'x-forwarded-email': email });
    expect(
      sessionSchema.parse(JSON.parse((await call('GET', '/__console/session', as('Ana@Example.com'))).body)),
    ).toEqual({
      auth: 'proxy',
      // As the proxy gave it; the role lists compare it with ASCII case folded.
      user: { email: 'Ana@Example.com', name: null },
      role: 'editor',
      sign_out_url: null,
    });
    expect(JSON.parse((await call('GET', '/__console/session', as('lee@ops.example'))).body).role).toBe('editor');
    expect(JSON.parse((await call('GET', '/__console/session', as('vic@example.com'))).body).role).toBe('viewer');
    const nobody = await call('GET', '/__console/session', as('sam@example.com'));
    expectEnvelope(nobody, 403, 2005);
    expect(nobody.body).toContain('you are signed in as sam@example.com');
    // The page still loads for them, to say so.
    expect((await call('GET', '/', as('sam@example.com'))).status).toBe(200);

    for (const missing of [{}, as(''), as('not an email'), as('a@example.com, b@example.com')]) {
      expectEnvelope(await call('GET', '/v3/webhook-subscriptions', missing), 401, 2004);
      expectEnvelope(await call('GET', '/__console/session', missing), 401, 2004);
    }
    // A browser opening the page without an identity reads what is wrong, not a JSON envelope.
    const page = await call('GET', '/', { accept: 'text/html' });
    expect(page.status).toBe(401);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('The console cannot tell who you are');
    expect(page.body).toContain('no valid x-forwarded-email header');
    expect(page.body).not.toContain('<script');
  });

  it("refuses a viewer's writes with 403 and forwards nothing; an editor's write is journaled under their email", async () => {
    const { call, sandbox } = await start('127.0.0.1');
    const [first] = sandbox.store.state.subscriptions;
    const path = `/v3/webhook-subscriptions/${first?.id}`;
    const before = JSON.stringify(sandbox.store.state);
    const viewer = { 'x-forwarded-email': 'vic@example.com' };
    for (const [method, target, body] of [
      ['PUT', path, '{"is_active":false}'],
      ['DELETE', path, undefined],
      [
        'POST',
        '/v3/webhook-subscriptions',
        '{"target_url":"https://hooks.example/v","subscribed_events":["message.sent"]}',
      ],
      ['PUT', `/__console/labels/${first?.id}`, '{"name":"Mine","note":""}'],
    ] as const) {
      const refused = await call(method, target, viewer, body);
      expectEnvelope(refused, 403, 2005);
      expect(JSON.parse(refused.body).error.message).toBe(
        'Access denied - you are signed in as vic@example.com, a viewer; only editors can change subscriptions.',
      );
    }
    expect(JSON.stringify(sandbox.store.state)).toBe(before);
    expect((await call('GET', path, viewer)).status).toBe(200);
    expect(JSON.parse((await call('GET', '/__console/labels', viewer)).body)).toEqual({
      labels: [],
      next_cursor: null,
    });

    const editor = { 'x-forwarded-email': 'ana@example.com' };
    expect((await call('PUT', path, editor, '{"is_active":false}')).status).toBe(200);
    const activity = activityListSchema.parse(
      JSON.parse((await call('GET', `/__console/activity?subscription_id=${first?.id}`, viewer)).body),
    );
    expect(activity.entries.map((entry) => [entry.actor, entry.action])).toEqual([['ana@example.com', 'update']]);
  });

  it('reads the header named by LINQ_CONSOLE_AUTH_HEADER, and no other', async () => {
    const { call } = await start('127.0.0.1/8', 'x-auth-request-email');
    expectEnvelope(await call('GET', '/__console/session', { 'x-forwarded-email': 'ana@example.com' }), 401, 2004);
    const session = await call('GET', '/__console/session', { 'x-auth-request-email': 'ana@example.com' });
    expect(JSON.parse(session.body).user.email).toBe('ana@example.com');
  });
});

describe('from an address that is not a trusted proxy', () => {
  it('refuses everything, page included, whatever header it carries, and forwards nothing', async () => {
    const { call, sandbox } = await start('10.0.0.0/8, fd00::/8');
    const before = JSON.stringify(sandbox.store.state);
    const [first] = sandbox.store.state.subscriptions;
    const claimed = { 'x-forwarded-email': 'ana@example.com' };
    for (const [method, path] of [
      ['GET', '/__console/session'],
      ['GET', '/v3/webhook-subscriptions'],
      ['DELETE', `/v3/webhook-subscriptions/${first?.id}`],
    ] as const) {
      const answer = await call(method, path, claimed);
      expectEnvelope(answer, 403, 2005);
      expect(answer.body).toContain('LINQ_CONSOLE_TRUSTED_PROXIES');
    }
    // The page too, as a page that says where to open the console.
    const page = await call('GET', '/', claimed);
    expect(page.status).toBe(403);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('LINQ_CONSOLE_TRUSTED_PROXIES');
    expect(page.body).toContain('sign-in proxy');
    expect(JSON.stringify(sandbox.store.state)).toBe(before);
  });

  it('matches IPv4, IPv6 and IPv4-mapped addresses against IPs and CIDRs', () => {
    const parsed = parseTrustedProxies('10.1.2.3, 192.168.0.0/16, ::1, fd00::/8');
    if ('invalid' in parsed) throw new Error(parsed.invalid);
    const cases: Array<[string | undefined, boolean]> = [
      ['10.1.2.3', true],
      ['10.1.2.4', false],
      ['192.168.44.5', true],
      ['::ffff:192.168.1.1', true],
      ['::ffff:10.1.2.4', false],
      ['::1', true],
      ['fd12:3456::1', true],
      ['fe80::1', false],
      ['127.0.0.1', false],
      [undefined, false],
      ['not-an-ip', false],
    ];
    for (const [address, expected] of cases) expect(isTrusted(parsed.ranges, address), String(address)).toBe(expected);
    expect(parseTrustedProxies('10.0.0.0/33')).toEqual({ invalid: '10.0.0.0/33' });
    expect(parseTrustedProxies('proxy.internal')).toEqual({ invalid: 'proxy.internal' });
  });
});

describe('roles', () => {
  it('match emails and @domains case-insensitively, editors first', () => {
    const roles = rolesFrom('Ana@Example.com,@OPS.example', '@example.com');
    expect(roleFor(roles, 'ana@example.com')).toBe('editor');
    expect(roleFor(roles, 'x@ops.example')).toBe('editor');
    expect(roleFor(roles, 'x@example.com')).toBe('viewer');
    expect(roleFor(roles, 'x@sub.example.com')).toBeUndefined();
    expect(roleFor(roles, 'x@ops.example.evil')).toBeUndefined();
    expect(parseMembers('ana@example.com, nobody')).toEqual({ invalid: 'nobody' });
  });
});

describe('with sign-in off', () => {
  it('answers the local operator, an editor, and journals as "local"', async () => {
    const sandbox = await startTestSandbox({ apiKey: 'k' });
    cleanups.push(() => sandbox.close());
    const console = await startTestConsole({ baseUrl: sandbox.url, apiKey: 'k' });
    cleanups.push(() => console.close());
    const session = await fetch(`${console.url}/__console/session`);
    expect(await session.json()).toEqual({ auth: 'none', user: null, role: 'editor', sign_out_url: null });
    // Nothing to sign out of.
    const logout = await fetch(`${console.url}/auth/logout`, { method: 'POST' });
    expect(logout.status).toBe(404);
  });
});
