import { describe, expect, it } from 'vitest';
import { distinguishingParts, hostOf, shortenTargetUrl, splitTargetUrl } from './url-display';

const within = (chars: number) => (host: string, rest: string) => host.length + rest.length <= chars;
const shown = (url: string, chars: number, keep?: number) => {
  const { host, rest } = shortenTargetUrl(url, within(chars), keep);
  return `${host}${rest}`;
};

describe('splitTargetUrl and hostOf', () => {
  it('splits a URL into host and the rest', () => {
    expect(splitTargetUrl('https://hooks.example.com/linq?version=2026-02-03')).toEqual({
      host: 'hooks.example.com',
      rest: '/linq?version=2026-02-03',
    });
    expect(splitTargetUrl('https://hooks.example.com/')).toEqual({ host: 'hooks.example.com', rest: '' });
    expect(splitTargetUrl('not a url')).toEqual({ host: 'not a url', rest: '' });
    expect(hostOf('https://Hooks.Example.com:8443/x')).toBe('hooks.example.com:8443');
  });

  // Plain URLs are read without the URL parser: each must read exactly as the parser reads it.
  it.each([
    'https://hooks.acme.com/linq/00001',
    'https://api.northwind.io/webhooks/linq?version=2026-02-03',
    'https://h.example.com',
    'https://h.example.com/',
    'https://h.example.com?',
    'https://h.example.com/?a=1?b=/c',
    'https://h.example.com//double//slash/',
    'https://h.example.com/a!$&()*+,;=:@-._~/b?x=(1)&y=a:b@c',
    'http://localhost/x',
    'https://-odd-.example/x',
    'https://h.example.com/a/./b',
    'https://h.example.com/a/../b',
    'https://h.example.com/a/..',
    'https://h.example.com/.hidden/..x',
    'https://HOOKS.example.com/x',
    'HTTPS://hooks.example.com/x',
    'https://hooks.example.com:443/x',
    'https://hooks.example.com:8443/x',
    'https://user:pw@hooks.example.com/x',
    'https://hooks.example.com/x#frag',
    'https://hooks.example.com/a b',
    'https://hooks.example.com/a%2e%2e/b',
    'https://hooks.example.com/a\\b',
    "https://hooks.example.com/it's?q='x'",
    'https://hooks.example.com/{a}^`|',
    'https://hooks.example.com/caf\u00e9',
    'https://xn--caf-dma.example/x',
    'https://xn--invalid-.example/x',
    'https://127.0.0.1/x',
    'https://0x7f.1/x',
    'https://1.2.3.04/x',
    'https://a.b.12/x',
    'https://a..b/x',
    'https://a.b./x',
    'https://\thooks.example.com/x',
    ' https://hooks.example.com/x ',
  ])('reads %j as the URL parser does', (url) => {
    let expected: { host: string; rest: string };
    try {
      const parsed = new URL(url);
      expected = { host: parsed.host, rest: `${parsed.pathname === '/' ? '' : parsed.pathname}${parsed.search}` };
    } catch {
      expected = { host: url, rest: '' };
    }
    expect(splitTargetUrl(url)).toEqual(expected);
  });
});

describe('shortenTargetUrl', () => {
  const url = 'https://hooks.acme.com/v1/tenants/tenant-042/inbound/linq?version=2026-02-03';

  it('shows the whole URL when it fits', () => {
    expect(shown(url, 200)).toBe('hooks.acme.com/v1/tenants/tenant-042/inbound/linq?version=2026-02-03');
  });

  it('drops middle segments first (into one "…"), keeping the host, the ends of the path and the query', () => {
    expect(shown(url, 60)).toBe('hooks.acme.com/v1/tenants/…/inbound/linq?version=2026-02-03');
    expect(shown(url, 45)).toBe('hooks.acme.com/v1/…/linq?version=2026-02-03');
  });

  it('lets the query go last, after every path segment but the one that tells the URL apart', () => {
    expect(shown(url, 40)).toBe('hooks.acme.com/…/linq?version=2026-02-03');
    expect(shown(url, 20)).toBe('hooks.acme.com/…?…');
  });

  it('keeps the distinguishing segment however narrow the cell', () => {
    expect(shown(url, 30, 2)).toBe('hooks.acme.com/…/tenant-042/…?…');
  });

  it('keeps two URLs that differ only in a middle segment distinguishable', () => {
    const a = 'https://hooks.acme.com/v1/tenants/tenant-a/inbound/linq?version=2026-02-03';
    const b = 'https://hooks.acme.com/v1/tenants/tenant-b/inbound/linq?version=2026-02-03';
    const keep = distinguishingParts([a, b]);
    for (const chars of [80, 50, 40, 30, 20]) {
      expect(shown(a, chars, keep.get(a))).not.toBe(shown(b, chars, keep.get(b)));
    }
  });
});

describe('distinguishingParts', () => {
  it('finds the first path segment, or the query, that differs from the closest URL of the same host', () => {
    const urls = [
      'https://hooks.acme.com/linq/00001',
      'https://hooks.acme.com/linq/00002',
      'https://hooks.acme.com/other/in',
      'https://hooks.acme.com/linq/00002?version=2026-02-03',
      'https://alone.example.com/whatever/path',
    ];
    const keep = distinguishingParts(urls);
    expect(keep.get(urls[0]!)).toBe(1);
    expect(keep.get(urls[1]!)).toBe(2);
    expect(keep.get(urls[2]!)).toBe(0);
    expect(keep.get(urls[3]!)).toBe(2);
    // Alone on its host: the host tells it apart.
    expect(keep.get(urls[4]!)).toBe(-1);
  });
});
