import type { StaffRole } from '../../src/identity/identity-tables.js';
import type { Site } from '../../src/site/site-contract.js';
import { type Answer, ok, type Route, refusal } from './fake-api.js';

/** GET /api/site of an installation offering one-time passwords only. */
export const site: Site = {
  operator: {
    name: 'Statistics Sweden',
    shortName: 'SCB',
    logoUrl: null,
    supportEmail: 'mona@example.org',
    supportPhone: null,
    websiteUrl: null,
  },
  defaultLanguage: 'en',
  loginMethods: ['otp'],
  version: '0.1.0',
};

export interface User {
  username: string;
  fullName: string;
  roles: StaffRole[];
}

export const researcher: User = { username: 'anna', fullName: 'Anna Andersson', roles: [] };
export const reviewer: User = { username: 'rita', fullName: 'Rita Reviewer', roles: ['reviewer'] };

/** The body of GET /api/session (src/identity/session-routes.ts) for a session just used. */
export function sessionView(user: User): unknown {
  const now = new Date();
  const idleSeconds = 1800;
  return {
    user,
    session: {
      startedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + idleSeconds * 1000).toISOString(),
      now: now.toISOString(),
      idleSeconds,
      warningSeconds: 120,
    },
    portal: { remoteDesktop: true, termsAccepted: true },
  };
}

/** The routes every page meets: the site, and the session of whoever is logged in now, if anyone. */
export function platform(loggedIn: () => User | undefined): Record<string, Route> {
  const session = (): Answer => {
    const user = loggedIn();
    return user ? ok(sessionView(user)) : refusal('NOT_AUTHENTICATED');
  };
  return { 'GET /api/site': () => ok(site), 'GET /api/session': session };
}
