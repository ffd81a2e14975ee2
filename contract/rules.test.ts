import { describe, expect, it } from 'vitest';
import { errorField, isSigningSecret, targetUrlIdentity, targetUrlProblem, TARGET_URL_MAX_LENGTH } from './rules.ts';

describe('the target URL rules', () => {
  it.each([
    ['', 'empty'],
    [`https://hooks.example.com/${'a'.repeat(TARGET_URL_MAX_LENGTH)}`, 'too-long'],
    ['https://hooks.example.com/a\nb', 'control-characters'],
    ['https://hooks.example.com/my hook', 'spaces'],
    ['https://hooks.example.com/a\u00a0b', 'spaces'],
    ['javascript:alert(1)', 'not-https'],
    ['hooks.example.com/linq', 'not-a-url'],
    ['http://hooks.example.com/linq', 'not-https'],
    ['https://user:pw@hooks.example.com/linq', 'credentials'],
    ['https://hooks.example.com/linq?version=2026-02-03', undefined],
  ])('%j: %s', (url, problem) => {
    expect(targetUrlProblem(url)).toBe(problem);
  });

  it('one endpoint, however its scheme, host, default port or fragment are written; path and query are its own', () => {
    const one = targetUrlIdentity('https://hooks.example.com/linq?a=1');
    expect(targetUrlIdentity(' HTTPS://Hooks.Example.COM:443/linq?a=1#x ')).toBe(one);
    expect(targetUrlIdentity('https://hooks.example.com/Linq?a=1')).not.toBe(one);
    expect(targetUrlIdentity('https://hooks.example.com/linq?a=2')).not.toBe(one);
    expect(targetUrlIdentity('https://hooks.example.com:8443/linq?a=1')).not.toBe(one);
  });
});

describe('the signing secret', () => {
  it('is whsec_ and the base64 of 24 to 64 bytes', () => {
    const base64 = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64');
    expect(isSigningSecret(`whsec_${base64(32)}`)).toBe(true);
    expect(isSigningSecret(`whsec_${base64(24)}`)).toBe(true);
    expect(isSigningSecret(`whsec_${base64(64)}`)).toBe(true);
    expect(isSigningSecret(`whsec_${base64(16)}`)).toBe(false);
    expect(isSigningSecret(base64(32))).toBe(false);
    expect(isSigningSecret(`whsec_${base64(32)}\n`)).toBe(false);
  });
});

describe('which field an error concerns', () => {
  it('by documented code or status only', () => {
    expect(errorField(400, 1002)).toBe('phone_numbers');
    expect(errorField(409, 2006)).toBe('target_url');
    expect(errorField(400, 1001)).toBeUndefined();
    expect(errorField(500, 3006)).toBeUndefined();
  });
});
