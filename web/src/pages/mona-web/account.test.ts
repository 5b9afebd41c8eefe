import { describe, expect, it } from 'vitest';
import { parseAccount } from './account.js';

const body = {
  username: 'demo.researcher',
  fullName: 'Rut Researcher',
  email: 'researcher@demo.mona.example',
  loginMethod: 'otp',
  roles: [],
  projects: [{ id: 'P0001', name: 'Demo register study', role: 'member' }],
  deletionRequest: null,
};

describe('parseAccount', () => {
  it('accepts the documented shape, with or without an open deletion request', () => {
    expect(parseAccount(body)?.projects).toEqual(body.projects);
    const requested = {
      ...body,
      deletionRequest: { requestedAt: '2026-03-01T10:00:00.000Z', state: 'open' },
    };
    expect(parseAccount(requested)?.deletionRequest?.requestedAt).toBe('2026-03-01T10:00:00.000Z');
  });

  it('rejects a login method or project role it does not know', () => {
    expect(parseAccount({ ...body, loginMethod: 'password' })).toBeUndefined();
    expect(parseAccount({ ...body, projects: [{ id: 'P0001', name: 'x', role: 'owner' }] })).toBeUndefined();
    expect(parseAccount({ ...body, deletionRequest: undefined })).toBeUndefined();
  });
});
