import { describe, expect, it } from 'vitest';
import { PATH_PARAMETER } from '../../contract/endpoints.ts';
import { isApiPath, resolveTarget } from './target.ts';

const ID = '3f6c2a8e-1b7d-4c5e-9a0f-2d4b6c8e0a1b';

describe('resolveTarget: the seven forwarded pairs', () => {
  it.each([
    ['GET', '/v3/webhook-subscriptions', '/v3/webhook-subscriptions'],
    ['POST', '/v3/webhook-subscriptions', '/v3/webhook-subscriptions'],
    ['GET', `/v3/webhook-subscriptions/${ID}`, `/v3/webhook-subscriptions/${ID}`],
    ['PUT', `/v3/webhook-subscriptions/${ID}`, `/v3/webhook-subscriptions/${ID}`],
    ['DELETE', `/v3/webhook-subscriptions/${ID}`, `/v3/webhook-subscriptions/${ID}`],
    ['GET', '/v3/webhook-events', '/v3/webhook-events'],
    ['GET', '/v3/phone_numbers', '/v3/phone_numbers'],
  ])('%s %s → forward %s', (method, target, path) => {
    expect(resolveTarget(method, target)).toEqual({ kind: 'forward', method, path });
  });

  it('drops the query string and fragment from the upstream path', () => {
    expect(resolveTarget('GET', '/v3/webhook-events?limit=5&next=http://evil.example/#x')).toEqual({
      kind: 'forward',
      method: 'GET',
      path: '/v3/webhook-events',
    });
    expect(resolveTarget('GET', '/v3/phone_numbers#frag')).toEqual({
      kind: 'forward',
      method: 'GET',
      path: '/v3/phone_numbers',
    });
  });

  it('re-emits a %-encoded id from its decoded, validated characters', () => {
    expect(resolveTarget('GET', '/v3/webhook-subscriptions/abc%2Ddef_1')).toEqual({
      kind: 'forward',
      method: 'GET',
      path: '/v3/webhook-subscriptions/abc-def_1',
    });
  });

  it('accepts ids up to 128 id characters and no longer', () => {
    expect(resolveTarget('GET', `/v3/webhook-subscriptions/${'a'.repeat(128)}`).kind).toBe('forward');
    expect(resolveTarget('GET', `/v3/webhook-subscriptions/${'a'.repeat(129)}`).kind).toBe('not-found');
  });
});

describe('resolveTarget: known endpoint, other method', () => {
  it.each([
    ['PATCH', '/v3/webhook-subscriptions', 'GET, POST'],
    ['DELETE', '/v3/webhook-subscriptions', 'GET, POST'],
    ['OPTIONS', '/v3/webhook-subscriptions', 'GET, POST'],
    ['POST', `/v3/webhook-subscriptions/${ID}`, 'GET, PUT, DELETE'],
    ['PATCH', `/v3/webhook-subscriptions/${ID}`, 'GET, PUT, DELETE'],
    ['POST', '/v3/webhook-events', 'GET'],
    ['DELETE', '/v3/webhook-events', 'GET'],
    ['HEAD', '/v3/webhook-events', 'GET'],
    ['PUT', '/v3/phone_numbers', 'GET'],
    ['get', '/v3/phone_numbers', 'GET'],
  ])('%s %s → 405, Allow: %s', (method, target, allow) => {
    expect(resolveTarget(method, target)).toEqual({ kind: 'method-not-allowed', allow });
  });
});

describe('resolveTarget: not one of the endpoints', () => {
  it.each([
    '/v3',
    '/v3/',
    '/v3/unknown',
    '/v3/admin',
    '/V3/webhook-events',
    '/v3/Webhook-Events',
    '/api',
    '/api/partner/v3/webhook-events',
    '/API/partner/v3/webhook-events',
    '/v3/webhook-events/',
    '/v3/webhook-events/123',
    '/v3/phone_numbers/+15551234567',
    '/v3/webhook-subscriptions/',
    '/v3/webhook-subscriptions/a/b',
    '/v3/webhook-subscriptions/a.b',
    '/v3/webhook-subscriptions/a%2Fb',
    '/v3/webhook-subscriptions/%252e%252e',
    '/v3/webhook-subscriptions/%25',
    '/v3/webhook-subscriptions%2Fabc',
    '/%76%33/webhook-events',
  ])('GET %s → not-found', (target) => {
    expect(resolveTarget('GET', target)).toEqual({ kind: 'not-found' });
  });
});

describe('resolveTarget: targets that are not plain paths', () => {
  it.each([
    'http://evil.example/v3/webhook-events',
    'https://127.0.0.1/v3/webhook-events',
    '//evil.example/v3/webhook-events',
    '//127.0.0.1:1/v3/webhook-events',
    '*',
    '',
    'v3/webhook-events',
    '/v3/../v3/webhook-events',
    '/v3/./webhook-events',
    '/v3/webhook-subscriptions/..',
    '/v3/webhook-subscriptions/../../admin',
    '/v3/%2e%2e/admin',
    '/v3/%2E%2E/admin',
    '/v3/.%2e/admin',
    '/v3/webhook-subscriptions/..%2f..%2fadmin',
    '/v3/webhook-subscriptions/..%2F..%2Fadmin',
    '/v3\\webhook-events',
    '/v3/%5cwebhook-events',
    '/v3/%5Cwebhook-events',
    '/v3//webhook-events',
    '/v3/%2f/webhook-events',
    '/v3/%zz',
    '/v3/webhook-events%',
    '/v3/webhook-events%00',
    '/v3/webhook-events%0d%0aX-Injected:%20yes',
    '/v3/webhook-events\u0000',
    '/%2e%2e/etc/passwd',
    '/assets/../index.html',
  ])('GET %j → bad-target', (target) => {
    expect(resolveTarget('GET', target)).toEqual({ kind: 'bad-target' });
  });

  it('checks the path only: a query string may hold anything', () => {
    expect(resolveTarget('GET', '/v3/webhook-events?next=../..//evil\\x')).toEqual({
      kind: 'forward',
      method: 'GET',
      path: '/v3/webhook-events',
    });
  });
});

describe('resolveTarget: the page', () => {
  it.each([
    '/',
    '/index.html',
    '/assets/app-1234.js',
    '/subscriptions/abc',
    '/v33',
    '/apiary',
    '/assets/v3/x',
    '/?q=/v3/x',
  ])('GET %s → page', (target) => {
    expect(resolveTarget('GET', target)).toEqual({ kind: 'page' });
  });
});

describe('isApiPath', () => {
  it.each([
    '/v3',
    '/v3/',
    '/v3/webhook-events',
    '/V3/x',
    '/api',
    '/API/partner',
    '/v3?x=1',
    '/%76%33/webhook-events',
    '//v3/x',
    '/\\v3/x',
  ])('%j is an API path', (target) => {
    expect(isApiPath(target)).toBe(true);
  });

  it.each(['/', '/index.html', '/v33', '/apiary', '/assets/v3/x', '/?next=/v3/x', '/%zz'])('%j is not', (target) => {
    expect(isApiPath(target)).toBe(false);
  });
});

describe('PATH_PARAMETER', () => {
  it('never admits a character that could change the path', () => {
    for (const character of ['/', '.', '%', '\\', '?', '#', ' ', ':', '@']) {
      expect(PATH_PARAMETER.test(`abc${character}def`)).toBe(false);
    }
    expect(PATH_PARAMETER.test(ID)).toBe(true);
  });
});
