import type { ComponentType } from 'react';
import { AccessibilityPage } from '../pages/accessibility/AccessibilityPage.js';
import { BankIdOutcomePage } from '../pages/bankid-outcome/BankIdOutcomePage.js';
import { DesktopPage } from '../pages/desktop/DesktopPage.js';
import { ViewerPage } from '../pages/desktop/ViewerPage.js';
import { LinkAccountPage } from '../pages/link-account/LinkAccountPage.js';
import { LoggedOutPage } from '../pages/logged-out/LoggedOutPage.js';
import { LoginPage } from '../pages/login/LoginPage.js';
import { MonaWebPage } from '../pages/mona-web/MonaWebPage.js';
import { NotFoundPage } from '../pages/not-found/NotFoundPage.js';
import { PortalPage } from '../pages/portal/PortalPage.js';
import { RdpHelpPage } from '../pages/rdp-help/RdpHelpPage.js';
import { ReviewUploadsPage } from '../pages/review-uploads/ReviewUploadsPage.js';
import { StartPage } from '../pages/start/StartPage.js';
import { BankIdRequestsPage } from '../pages/support-bankid/BankIdRequestsPage.js';
import { SupportMailPage } from '../pages/support-mail/SupportMailPage.js';
import type { Access } from '../session/RequireSession.js';

export interface Route {
  page: ComponentType;
  /** Absent for public pages. */
  access?: Access;
  /** The page takes the whole window: no header or footer. */
  fullWindow?: boolean;
}

// One entry per page; each page lives in its own folder under pages/.
const routes: Record<string, Route> = {
  '/': { page: StartPage },
  '/login': { page: LoginPage },
  // Where the server's BankID callback sends a login that did not end in the portal.
  '/login/bankid': { page: BankIdOutcomePage },
  '/link-account': { page: LinkAccountPage },
  '/logged-out': { page: LoggedOutPage },
  '/portal': { page: PortalPage, access: 'session' },
  '/web': { page: MonaWebPage, access: 'session' },
  '/desktop': { page: DesktopPage, access: 'session' },
  '/desktop/view': { page: ViewerPage, access: 'session', fullWindow: true },
  '/help/rdp': { page: RdpHelpPage },
  '/accessibility': { page: AccessibilityPage },
  '/support/mail': { page: SupportMailPage, access: 'support' },
  '/support/bankid-requests': { page: BankIdRequestsPage, access: 'support' },
  '/review/uploads': { page: ReviewUploadsPage, access: 'reviewer' },
};

export function routeFor(pathname: string): Route {
  return routes[pathname] ?? { page: NotFoundPage };
}
