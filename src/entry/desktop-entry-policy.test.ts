import { describe, expect, it } from 'vitest';
import { authorizeDesktopUse, desktopEntryOf } from './desktop-entry-policy.js';

const startedAt = new Date('2026-11-28T09:00:00Z');
const login = (termsAcceptedAt: Date | null) => ({ startedAt, termsAcceptedAt });
const refusal = expect.objectContaining({ code: 'DESKTOP_NOT_ALLOWED' });

describe('the way into the remote desktop (R10, R14)', () => {
  it('lets in a login that began after the terms in force were accepted', () => {
    const accepted = login(new Date('2026-11-28T08:59:59.999Z'));
    expect(desktopEntryOf(accepted)).toEqual({ termsAccepted: true, remoteDesktop: true });
    expect(() => authorizeDesktopUse(accepted)).not.toThrow();
  });

  it('keeps out a login that began before the acceptance, or at its very moment', () => {
    for (const acceptedAt of [new Date('2026-11-28T09:00:00.001Z'), startedAt]) {
      expect(desktopEntryOf(login(acceptedAt))).toEqual({ termsAccepted: true, remoteDesktop: false });
      expect(() => authorizeDesktopUse(login(acceptedAt))).toThrow(refusal);
    }
  });

  it('keeps out a user who has not accepted the terms in force', () => {
    expect(desktopEntryOf(login(null))).toEqual({ termsAccepted: false, remoteDesktop: false });
    expect(() => authorizeDesktopUse(login(null))).toThrow(refusal);
  });
});
