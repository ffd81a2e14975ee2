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
