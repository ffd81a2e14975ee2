import { describe, expect, it } from 'vitest';
import { writeAccess } from './session';

describe('writeAccess', () => {
  it('lets an editor and a console without sign-in write', () => {
    expect(writeAccess({ auth: 'none', user: null, role: 'editor', sign_out_url: null }).canWrite).toBe(true);
    expect(writeAccess(undefined).canWrite).toBe(true);
  });

  it('keeps a viewer to reading, and says who they are signed in as', () => {
    const access = writeAccess({
      auth: 'oidc',
      user: { email: 'vera@example.com', name: 'Vera' },
      role: 'viewer',
      sign_out_url: '/auth/logout',
    });
    expect(access).toEqual({
      canWrite: false,
      reason: 'You are signed in as vera@example.com, a viewer: you can review subscriptions, not change them.',
    });
  });
});
