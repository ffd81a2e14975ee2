import { describe, expect, it } from 'vitest';
import { allowedHosts, isHostAllowed, parseHostList, type HostPolicy } from './hosts.ts';
import { allowedOrigins, crossSiteReason, isJsonContentType } from './guards.ts';

const LOCAL: HostPolicy = { host: '127.0.0.1', port: 5173, extraHosts: [] };

describe('parseHostList', () => {
  it('splits, trims, lower-cases and drops empty entries', () => {
    expect(parseHostList(undefined)).toEqual([]);
    expect(parseHostList('')).toEqual([]);
    expect(parseHostList(' Console.Example:8443 , ,tunnel.example ')).toEqual([
      'console.example:8443',
      'tunnel.example',
    ]);
  });
});

describe('allowedHosts', () => {
  it('is the loopback names and HOST, each with the bound port', () => {
    expect([...allowedHosts(LOCAL)].sort()).toEqual(['127.0.0.1:5173', '[::1]:5173', 'localhost:5173']);
  });

  it('adds bare names only on port 80, where browsers leave the port out', () => {
    const hosts = allowedHosts({ ...LOCAL, port: 80 });
    expect(hosts.has('localhost')).toBe(true);
    expect(hosts.has('127.0.0.1')).toBe(true);
    expect(allowedHosts(LOCAL).has('localhost')).toBe(false);
  });

  it('brackets an IPv6 HOST and keeps extra hosts verbatim', () => {
    const hosts = allowedHosts({ host: '::', port: 3000, extraHosts: ['console.example:8443'] });
    expect(hosts.has('[::]:3000')).toBe(true);
    expect(hosts.has('console.example:8443')).toBe(true);
    expect(hosts.has('console.example')).toBe(false);
  });
});

describe('allowedOrigins', () => {
  it('is http on every allowed host, https only on the extra ones', () => {
    const origins = allowedOrigins({ ...LOCAL, extraHosts: ['console.example:8443'] });
    expect(origins.has('http://127.0.0.1:5173')).toBe(true);
    expect(origins.has('http://localhost:5173')).toBe(true);
    expect(origins.has('https://console.example:8443')).toBe(true);
    expect(origins.has('http://console.example:8443')).toBe(true);
    expect(origins.has('https://127.0.0.1:5173')).toBe(false);
  });
});

describe('isHostAllowed', () => {
  const allowed = allowedHosts(LOCAL);
  it.each([
    ['127.0.0.1:5173', true],
    ['LOCALHOST:5173', true],
    [' localhost:5173 ', true],
    ['[::1]:5173', true],
    ['evil.example', false],
    ['evil.example:5173', false],
    ['127.0.0.1', false],
    ['127.0.0.1:5174', false],
    ['127.0.0.1:5173.evil.example', false],
    ['localhost.evil.example:5173', false],
    ['', false],
  ])('%j → %s', (host, expected) => {
    expect(isHostAllowed(host, allowed)).toBe(expected);
  });

  it('refuses a missing Host', () => {
    expect(isHostAllowed(undefined, allowed)).toBe(false);
  });
});

describe('crossSiteReason', () => {
  const origins = allowedOrigins(LOCAL);

  it('passes requests with neither Origin nor Sec-Fetch-Site (curl, SDK, scripts)', () => {
    expect(crossSiteReason({}, origins)).toBeUndefined();
  });

  it('passes the console page itself', () => {
    expect(
      crossSiteReason({ origin: 'http://127.0.0.1:5173', 'sec-fetch-site': 'same-origin' }, origins),
    ).toBeUndefined();
    expect(crossSiteReason({ origin: 'HTTP://LOCALHOST:5173' }, origins)).toBeUndefined();
    expect(crossSiteReason({ 'sec-fetch-site': 'none' }, origins)).toBeUndefined();
  });

  it.each([
    [{ 'sec-fetch-site': 'cross-site' }],
    [{ 'sec-fetch-site': 'same-site' }],
    [{ 'sec-fetch-site': ' Cross-Site ' }],
    [{ origin: 'https://evil.example' }],
    [{ origin: 'null' }],
    [{ origin: 'http://127.0.0.1:5174' }],
    [{ origin: 'https://127.0.0.1:5173' }],
    [{ origin: 'http://127.0.0.1:5173/' }],
    [{ origin: 'http://127.0.0.1:5173', 'sec-fetch-site': 'cross-site' }],
  ])('refuses %j', (headers) => {
    expect(crossSiteReason(headers, origins)).toEqual(expect.any(String));
  });
});

describe('isJsonContentType', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON;charset=UTF-8', true],
    [undefined, false],
    ['', false],
    ['text/plain', false],
    ['text/plain; charset=application/json', false],
    ['application/x-www-form-urlencoded', false],
    ['multipart/form-data; boundary=x', false],
    ['application/merge-patch+json', false],
    ['application/jsonp', false],
  ])('%j → %s', (value, expected) => {
    expect(isJsonContentType(value)).toBe(expected);
  });
});
