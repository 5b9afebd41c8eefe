import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.js';
import { sv } from '../../i18n/sv.js';
import { accountStateText, type LinkRequest, requestWarning } from './bankid-requests.js';

const request: LinkRequest = {
  id: '3f1c9a52-7d0e-4f7b-9a55-0c2f4b8e1d21',
  username: 'tess.testberg',
  accountExists: true,
  accountState: 'invited',
  pinMasked: '19650312-****',
  name: 'Tess Testberg',
  ip: '194.71.11.69',
  country: 'SE',
  requestedAt: '2026-03-01T10:00:00.000Z',
  state: 'pending',
};

describe('requestWarning', () => {
  it('warns of a username without an account, and of an account that cannot be linked', () => {
    expect(requestWarning(request)).toBeUndefined();
    expect(requestWarning({ ...request, accountExists: false, accountState: null })).toBe('no-account');
    expect(requestWarning({ ...request, accountState: 'suspended' })).toBe('account-unusable');
    expect(requestWarning({ ...request, accountState: 'closed' })).toBe('account-unusable');
    expect(requestWarning({ ...request, accountState: 'active' })).toBeUndefined();
  });
});

describe('accountStateText', () => {
  it('words the known states and shows others as they are', () => {
    expect(accountStateText('invited', en)).toBe('invited, not yet linked');
    expect(accountStateText('active', sv)).toBe('aktivt');
    expect(accountStateText('archived', en)).toBe('archived');
    expect(accountStateText('toString', en)).toBe('toString');
  });
});
