import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { activityListSchema, labelListSchema, labelSchema } from '../contract/console.ts';
import { rolesFrom } from './auth/roles.ts';
import { safeReturnTo } from './auth/oidc.ts';
import { isTrusted, parseTrustedProxies } from './auth/proxy-auth.ts';
import { parseMembers, roleFor } from './auth/roles.ts';
import { parseEnv } from './env.ts';
import { LinqModel } from './sandbox/model/linq-model.ts';
import {
  cleanupsAfterEach,
  expectEnvelope,
  fetchAnswer,
  prepareTestDatabase,
  sendRaw,
  startTestConsole,
  startTestSandbox,
  type Answer,
} from './test-http.ts';

prepareTestDatabase();

/**
 * The third attack round on the team console (issue 17), one describe per defect it found. Every
 * test here failed on the code before the fix. All traffic stays on 127.0.0.1.
 */

const cleanups = cleanupsAfterEach();
const ROLES = rolesFrom('ana@example.com', 'vic@example.com');
const as = (email: string) => ({ 'x-forwarded-email': email });

/** A team console behind a trusted authenticating proxy (this test is the proxy), on a sandbox. */
async function teamConsole() {
  const sandbox = await startTestSandbox({ apiKey: 'k' });
  cleanups.push(() => sandbox.close());
  const console = await startTestConsole({
    baseUrl: sandbox.url,
    apiKey: 'k',
    auth: { mode: 'proxy', header: 'x-forwarded-email', trustedProxies: '127.0.0.1', roles: ROLES },
  });
  cleanups.push(() => console.close());
  const call = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    fetchAnswer(`${console.url}${path}`, method, body, headers);
  /** The request target exactly as written (fetch would normalise it). */
  const raw = (method: string, target: string, headers: Record<string, string> = {}, body = '') =>
    sendRaw(
      console.port,
      [
        `${method} ${target} HTTP/1.1`,
        `Host: 127.0.0.1:${console.port}`,
        'Connection: close',
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
        ...(body === '' ? [] : ['Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`]),
        '',
        body,
      ].join('\r\n'),
    );
  return { sandbox, console, call, raw, ids: sandbox.store.state.subscriptions.map((entry) => entry.id) };
}

/**
 * An upstream answering what `handle` says; every request it saw is counted. Only for what Linq
 * never does (echo the key, answer what cannot be cleaned, name no wait): the sandbox is Linq's
 * stand-in otherwise.
 */
async function scriptedUpstream(handle: (request: IncomingMessage, response: ServerResponse) => void) {
  const seen: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    seen.push(request);
    request.resume();
    request.on('end', () => handle(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/partner`, seen };
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

const SPELLINGS_OF_ACTIVITY = [
  '/%5F%5Fconsole/activity',
  '/%5f%5fconsole/activity',
  '/__console/%61ctivity',
  '//__console/activity',
  '/__console//activity',
  '/./__console/activity',
  '/__console/./activity',
  '/x/../__console/activity',
  '/%2e%2e/__console/activity',
  '/x/%2E%2E/__console/activity',
];

describe('1. roles hold on every spelling of a path', () => {
  it('gives someone in neither list, and a viewer, the plain path’s answer whatever the spelling', async () => {
    const { raw, call, ids } = await teamConsole();
    const plain = await raw('GET', '/__console/activity', as('sam@elsewhere.example'));
    expectEnvelope(plain, 403, 2005);
    for (const target of SPELLINGS_OF_ACTIVITY) {
      const answer = await raw('GET', target, as('sam@elsewhere.example'));
      expect({ target, status: answer.status, body: answer.body }).toEqual({
        target,
        status: plain.status,
        body: plain.body,
      });
    }
    // The session endpoint too: it never calls a stranger a viewer.
    expectEnvelope(await raw('GET', '/%5F%5Fconsole/session', as('sam@elsewhere.example')), 403, 2005);

    // A viewer's label write, spelled any way, is refused and writes nothing.
    const body = JSON.stringify({ name: 'Mine', note: '' });
    for (const target of [
      `/%5F%5Fconsole/labels/${ids[0]}`,
      `//__console/labels/${ids[0]}`,
      `/x/../__console/labels/${ids[0]}`,
    ]) {
      expectEnvelope(await raw('PUT', target, as('vic@example.com'), body), 403, 2005);
      expectEnvelope(await raw('PUT', target, as('sam@elsewhere.example'), body), 403, 2005);
    }
    const labels = labelListSchema.parse(
      JSON.parse((await call('GET', '/__console/labels', as('vic@example.com'))).body),
    );
    expect(labels.labels).toEqual([]);

    // Plain paths behave as before: the editor reads and writes, the viewer reads.
    for (const target of ['/__console/activity', ...SPELLINGS_OF_ACTIVITY]) {
      const answer = await raw('GET', target, as('vic@example.com'));
      expect({ target, status: answer.status }).toEqual({ target, status: 200 });
      activityListSchema.parse(JSON.parse(answer.body));
    }
    expect((await raw('PUT', `/%5F%5Fconsole/labels/${ids[0]}`, as('ana@example.com'), body)).status).toBe(200);
    expect((await raw('GET', '/', as('sam@elsewhere.example'))).status).toBe(200);
  });
});

describe('3. no open redirect after sign-in', () => {
  // End to end against the identity provider: server/auth/oidc.test.ts ("a return_to to another site").
  it('comes back to a same-origin path only, judged after normalisation', () => {
    for (const target of ['/.//evil.example', '/..//x', '/%2e%2e//x', '/.///x', '/%2E%2E//x', '/x/..//evil.example']) {
      expect({ target, path: safeReturnTo(target) }).toEqual({ target, path: '/' });
    }
    expect(safeReturnTo('/subscriptions?status=active#top')).toBe('/subscriptions?status=active#top');
    expect(safeReturnTo('/%61uth/logout')).toBe('/');
  });
});

const KEY = 'sk_live/Ab+Cd=9f/ZZ==';
/** The spellings a reader would decode back to the key. */
const KEY_SPELLINGS: Record<string, string> = {
  'slash escaped': JSON.stringify(KEY).slice(1, -1).replace(/\//g, '\\/'),
  'unicode escapes': [...KEY]
    .map((character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join(''),
  'percent-encoded': encodeURIComponent(KEY),
  'percent-encoded, lower-case hex': encodeURIComponent(KEY).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
  'percent-encoded twice': encodeURIComponent(encodeURIComponent(KEY)),
};

/** Every string in a parsed JSON value (member names too), each also percent-decoded where it decodes. */
function readableStrings(value: unknown): string[] {
  if (typeof value === 'string') {
    const forms = [value];
    let current = value;
    for (let round = 0; round < 3; round += 1) {
      try {
        current = decodeURIComponent(current);
        forms.push(current);
      } catch {
        break;
      }
    }
    return forms;
  }
  if (Array.isArray(value)) return value.flatMap(readableStrings);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([name, entry]) => [...readableStrings(name), ...readableStrings(entry)]);
  }
  return [];
}

function expectNoKey(answer: Answer, what: string) {
  for (const spelling of [KEY, ...Object.values(KEY_SPELLINGS)]) expect(answer.body, what).not.toContain(spelling);
  expect(JSON.stringify(answer.headers), what).not.toContain(KEY);
  for (const value of Object.values(answer.headers)) {
    for (const text of readableStrings(value ?? '')) expect(text, `${what}: a header`).not.toContain(KEY);
  }
  for (const text of readableStrings(JSON.parse(answer.body))) expect(text, what).not.toContain(KEY);
}

describe('2. the key is never shown or stored, in any spelling', () => {
  it.each(Object.entries(KEY_SPELLINGS))(
    '%s: not in the answer, its headers or the journal',
    async (_name, spelling) => {
      const subscription = {
        id: 'sub-1',
        target_url: 'https://hooks.example/linq',
        subscribed_events: ['message.sent'],
        phone_numbers: [],
        is_active: true,
        created_at: '2026-12-01T00:00:00Z',
        updated_at: '2026-12-01T00:00:00Z',
      };
      // The JSON is written by hand, so the spelling reaches the console exactly as given.
      const echo = `{"id":"sub-1","target_url":"https://hooks.example/linq","subscribed_events":["message.sent"],"phone_numbers":[],"is_active":true,"created_at":"2026-12-01T00:00:00Z","updated_at":"2026-12-01T00:00:00Z","debug":"seen token ${spelling}","${spelling}":1}`;
      const upstream = await scriptedUpstream((request, response) => {
        expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
        json(response, 200, echo, { 'x-request-id': `req ${encodeURIComponent(KEY)}` });
      });
      const console = await startTestConsole({ baseUrl: upstream.url, apiKey: KEY });
      cleanups.push(() => console.close());
      const url = console.url;

      const read = await fetchAnswer(`${url}/v3/webhook-subscriptions/sub-1`, 'GET');
      expect(read.status).toBe(200);
      expectNoKey(read, 'the read');
      // What the key was not part of survives as it was.
      expect(JSON.parse(read.body)).toMatchObject(subscription);

      const write = await fetchAnswer(`${url}/v3/webhook-subscriptions/sub-1`, 'PUT', '{"is_active":true}');
      expect(write.status).toBe(200);
      expectNoKey(write, 'the write');

      const activity = await fetchAnswer(`${url}/__console/activity?subscription_id=sub-1`, 'GET');
      const entries = activityListSchema.parse(JSON.parse(activity.body)).entries;
      expect(entries.length).toBeGreaterThan(0);
      expectNoKey(activity, 'the journal');
    },
  );

  it('refuses an answer it cannot clean rather than pass it on', async () => {
    // A key so short that REDACTED spells it cannot be removed: the answer is not passed on.
    const upstream = await scriptedUpstream((_request, response) => json(response, 200, '{"m":"\\u0065"}'));
    const console = await startTestConsole({ baseUrl: upstream.url, apiKey: 'e' });
    cleanups.push(() => console.close());
    expectEnvelope(await fetchAnswer(`${console.url}/v3/webhook-events`, 'GET'), 502, 3002);
  });
});

describe('4. a 429 can never make anyone spin', () => {
  it.each([
    ['0', '0'],
    ['negative', '-5'],
    ['garbage', 'soon'],
    ['a date in the past', 'Wed, 21 Oct 2015 07:28:00 GMT'],
  ])('Retry-After %s: the console holds every request to that upstream for at least a second', async (_name, value) => {
    let limited = true;
    // Linq's own answers (the model's), but a 429 naming a wait Linq never names.
    const linq = new LinqModel({ state: { subscriptions: [], phone_numbers: [] } });
    const upstream = await scriptedUpstream((_request, response) => {
      const answer = limited ? linq.rateLimited(0) : linq.handle({ endpoint: 'listEventTypes' }).answer;
      json(response, answer.status, answer.body, limited ? { 'retry-after': value } : {});
    });
    const console = await startTestConsole({ baseUrl: upstream.url, apiKey: 'k' });
    cleanups.push(() => console.close());
    const get = () => fetchAnswer(`${console.url}/v3/webhook-events`, 'GET');

    const first = await get();
    expect(first.status).toBe(429);
    expect(Number(first.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    limited = false;
    // Another operator, at once: answered by the console, nothing sent to Linq.
    const second = await get();
    expect(second.status).toBe(429);
    expect(JSON.parse(second.body).error).toMatchObject({ status: 429, code: 1007 });
    expect(Number(second.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(second.body).retry_after).toBeGreaterThanOrEqual(1);
    const write = await fetchAnswer(`${console.url}/v3/webhook-subscriptions/sub-1`, 'PUT', '{"is_active":false}');
    expect(write.status).toBe(429);
    expect(upstream.seen).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await get()).status).toBe(200);
    expect(upstream.seen).toHaveLength(2);
  });
});

describe('5. the journal keeps what Linq was asked, and Activity stays small', () => {
  it('keeps a request’s known fields only, bounded, even when Linq refused it; pages by size', async () => {
    const { call } = await teamConsole();
    // The database is shared with the other tests of this file: this test's entries are the newest.
    const since = new Date(Date.now() - 1_000).toISOString();
    const editor = { ...as('ana@example.com'), 'content-type': 'application/json' };
    const junk = 'x'.repeat(200_000);
    const refused = await call(
      'POST',
      '/v3/webhook-subscriptions',
      editor,
      JSON.stringify({
        target_url: 'https://hooks.example/a',
        subscribed_events: ['not.a.type'],
        junk,
        more: { junk },
      }),
    );
    expect(refused.status).toBe(400);
    const [entry] = activityListSchema.parse(
      JSON.parse((await call('GET', '/__console/activity?limit=1', editor)).body),
    ).entries;
    expect(entry?.outcome).toBe('failed');
    expect(entry?.request).toEqual({ target_url: 'https://hooks.example/a', subscribed_events: ['not.a.type'] });

    // Thirty refused creates whose known fields are as large as the bounds let them be.
    const events = Array.from({ length: 600 }, (_, index) => `${'e'.repeat(300)}.${index}`);
    for (let index = 0; index < 30; index += 1) {
      const answer = await call(
        'POST',
        '/v3/webhook-subscriptions',
        editor,
        JSON.stringify({
          target_url: `https://hooks.example/${'p'.repeat(5_000)}/${index}`,
          subscribed_events: events,
        }),
      );
      expect(answer.status).toBe(400);
    }
    let cursor: string | null = null;
    let pages = 0;
    let seen = 0;
    do {
      const answer = await call(
        'GET',
        `/__console/activity?limit=500&since=${since}${cursor ? `&cursor=${cursor}` : ''}`,
        as('vic@example.com'),
      );
      expect(Buffer.byteLength(answer.body)).toBeLessThan(1024 * 1024);
      const page = activityListSchema.parse(JSON.parse(answer.body));
      for (const stored of page.entries) {
        const request = stored.request as { subscribed_events?: string[]; target_url?: string } | null;
        expect(request?.subscribed_events?.length ?? 0).toBeLessThanOrEqual(500);
        expect(request?.target_url?.length ?? 0).toBeLessThanOrEqual(2_048);
      }
      seen += page.entries.length;
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor !== null && pages < 20);
    expect(seen).toBe(31);
    expect(pages).toBeGreaterThan(1);
  });
});

describe('6. trusted proxies are matched exactly', () => {
  it('trusts ::ffff:10.0.0.4 as 10.0.0.4, never the IPv4-compatible ::10.0.0.4', () => {
    const parsed = parseTrustedProxies('10.0.0.4');
    if (!('ranges' in parsed)) throw new Error('the list should parse');
    expect(isTrusted(parsed.ranges, '10.0.0.4')).toBe(true);
    expect(isTrusted(parsed.ranges, '::ffff:10.0.0.4')).toBe(true);
    expect(isTrusted(parsed.ranges, '::10.0.0.4')).toBe(false);
    expect(isTrusted(parsed.ranges, '::a00:4')).toBe(false);
    const v6 = parseTrustedProxies('::10.0.0.4');
    if (!('ranges' in v6)) throw new Error('the list should parse');
    expect(isTrusted(v6.ranges, '::10.0.0.4')).toBe(true);
    expect(isTrusted(v6.ranges, '10.0.0.4')).toBe(false);
  });
});

describe('7. one person, one identity', () => {
  it('never lets a look-alike address take a role entry, and journals the address as given', async () => {
    const roles = rolesFrom('kim@example.com, @korp.example', '');
    expect(roleFor(roles, 'kim@example.com')).toBe('editor');
    expect(roleFor(roles, 'KIM@Example.COM')).toBe('editor');
    expect(roleFor(roles, '\u212Aim@example.com')).toBeUndefined();
    expect(roleFor(roles, 'x@\u212Aorp.example')).toBeUndefined();
    expect(roleFor(roles, 'x@korp.example')).toBe('editor');
    // An entry written with the look-alike matches only itself.
    const parsed = parseMembers('\u212Aim@example.com');
    if (!('members' in parsed)) throw new Error('the list should parse');
    expect(roleFor({ editors: parsed.members, viewers: parsed.members }, 'kim@example.com')).toBeUndefined();

    const { call, ids } = await teamConsole();
    const write = await call(
      'PUT',
      `/v3/webhook-subscriptions/${ids[0]}`,
      { ...as('Ana@Example.com'), 'content-type': 'application/json' },
      '{"is_active":false}',
    );
    expect(write.status).toBe(200);
    const activity = activityListSchema.parse(
      JSON.parse((await call('GET', '/__console/activity?actor=ana@example.com', as('ana@example.com'))).body),
    );
    expect(activity.entries[0]?.actor).toBe('Ana@Example.com');
  });
});

describe('8. labels belong to subscriptions', () => {
  it('refuses a label for an id Linq does not know, and pages the list', async () => {
    const { call, ids } = await teamConsole();
    const editor = { ...as('ana@example.com'), 'content-type': 'application/json' };
    const body = JSON.stringify({ name: 'Made up', note: '' });
    const unknown = await call('PUT', '/__console/labels/no-such-subscription', editor, body);
    expectEnvelope(unknown, 404, 2001);
    expect(JSON.parse(unknown.body).error.message).toContain('Linq has no subscription with this id');
    const missing = await call('GET', '/__console/labels/no-such-subscription', editor);
    expectEnvelope(missing, 404, 2001);

    for (const id of ids.slice(0, 3)) {
      expect(
        (await call('PUT', `/__console/labels/${id}`, editor, JSON.stringify({ name: `L ${id}`, note: '' }))).status,
      ).toBe(200);
    }
    // The database is shared with this file's other tests: their labels are listed too.
    const listed: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = labelListSchema.parse(
        JSON.parse((await call('GET', `/__console/labels?limit=2${cursor ? `&cursor=${cursor}` : ''}`, editor)).body),
      );
      expect(page.labels.length).toBeLessThanOrEqual(2);
      listed.push(...page.labels.map((label) => label.subscription_id));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor !== null && pages < 50);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toEqual(expect.arrayContaining(ids.slice(0, 3)));
    expect(listed).not.toContain('no-such-subscription');
    for (const query of ['limit=0', 'limit=1001', 'limit=x', 'cursor=nonsense']) {
      expectEnvelope(await call('GET', `/__console/labels?${query}`, editor), 400, 1001);
    }
  });
});

describe('9. bad input is a 400, not an outage', () => {
  it('refuses NUL and lone surrogates in a label, and impossible times in the activity query, naming the field', async () => {
    const { call, ids } = await teamConsole();
    const editor = { ...as('ana@example.com'), 'content-type': 'application/json' };
    const path = `/__console/labels/${ids[0]}`;
    for (const [body, field] of [
      [JSON.stringify({ name: 'a\u0000b', note: '' }), 'name'],
      [JSON.stringify({ name: 'ok', note: 'half \uD800 a pair' }), 'note'],
      [JSON.stringify({ name: '\uDC00', note: '' }), 'name'],
    ] as const) {
      const answer = await call('PUT', path, editor, body);
      expectEnvelope(answer, 400, 1001);
      expect(JSON.parse(answer.body).error.message).toContain(`The ${field}`);
    }
    for (const since of ['2026-02-30T00:00Z', '0000-01-01T00:00Z', '2026-13-01T00:00Z', '2026-12-01T24:00Z']) {
      const answer = await call('GET', `/__console/activity?since=${since}`, editor);
      expectEnvelope(answer, 400, 1001);
      expect(JSON.parse(answer.body).error.message).toContain('since');
    }
    expectEnvelope(await call('GET', '/__console/activity?actor=%00', editor), 400, 1001);
    // The database is still there for good input.
    expect((await call('GET', '/__console/activity?since=2026-02-28T00:00Z', editor)).status).toBe(200);
  });
});

describe('10. small things the round noticed', () => {
  const oidc = {
    LINQ_CONSOLE_AUTH: 'oidc',
    OIDC_ISSUER_URL: 'https://id.example',
    OIDC_CLIENT_ID: 'c',
    OIDC_CLIENT_SECRET: 's',
    LINQ_CONSOLE_PUBLIC_URL: 'https://console.example',
    LINQ_CONSOLE_EDITORS: 'ana@example.com',
  };

  it('refuses a session secret with too little variety', () => {
    for (const secret of [' '.repeat(32), 'a'.repeat(32), 'ab'.repeat(20), 'a b c '.repeat(8)]) {
      expect(() => parseEnv({ ...oidc, LINQ_CONSOLE_SESSION_SECRET: secret })).toThrow(/LINQ_CONSOLE_SESSION_SECRET/);
    }
    expect(
      parseEnv({ ...oidc, LINQ_CONSOLE_SESSION_SECRET: 'Zm9vYmFyYmF6cXV4LTEyMzQ1Njc4OTBhYmNkZWY=' })
        .LINQ_CONSOLE_SESSION_SECRET,
    ).toBe('Zm9vYmFyYmF6cXV4LTEyMzQ1Njc4OTBhYmNkZWY=');
  });

  it('shows labels and batch labels without bidirectional controls', async () => {
    const label = labelSchema.parse({
      subscription_id: 's',
      name: 'gpj.\u202Eexe',
      note: '\u2066note\u2069',
      updated_at: '2026-12-01T00:00:00Z',
      updated_by: null,
    });
    expect(label).toMatchObject({ name: 'gpj.exe', note: 'note' });

    const { call, ids } = await teamConsole();
    const write = await call(
      'PUT',
      `/v3/webhook-subscriptions/${ids[0]}`,
      {
        ...as('ana@example.com'),
        'content-type': 'application/json',
        'x-console-batch-id': 'batch-1',
        'x-console-batch-label': encodeURIComponent('Turn off \u202E3'),
      },
      '{"is_active":false}',
    );
    expect(write.status).toBe(200);
    const raw = JSON.parse((await call('GET', '/__console/activity?limit=1', as('ana@example.com'))).body);
    expect(raw.entries[0].batch.label).toBe('Turn off 3');
  });
});
