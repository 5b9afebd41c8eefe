import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { NotFoundPage } from '../pages/not-found/NotFoundPage.js';
import { useSession } from './SessionProvider.js';
import { hasReviewerAccess, hasSupportAccess, type SessionInfo } from './session.js';

/** Who may see a page: anyone logged in, support staff (support and operators), or reviewers. */
export type Access = 'session' | 'support' | 'reviewer';

function mayEnter(access: Access, info: SessionInfo): boolean {
  if (access === 'support') return hasSupportAccess(info);
  if (access === 'reviewer') return hasReviewerAccess(info);
  return true;
}

const ActiveSessionContext = createContext<SessionInfo | null>(null);

/** Shows its page to a logged-in user with the access asked for; sends anyone else to log in. */
export function RequireSession({ access, children }: { access: Access; children: ReactNode }) {
  const { t } = useI18n();
  const { state } = useSession();
  const anonymous = state.status === 'anonymous';

  useEffect(() => {
    if (anonymous) navigate('/login', { replace: true });
  }, [anonymous]);

  if (state.status !== 'active') {
    return (
      <p className="muted" role="status">
        {t.session.checking}
      </p>
    );
  }
  // Staff pages do not reveal that they exist: the same answer as any unknown address.
  if (!mayEnter(access, state.info)) return <NotFoundPage />;
  return <ActiveSessionContext value={state.info}>{children}</ActiveSessionContext>;
}

/** The session of the logged-in user, inside a page behind <RequireSession>. */
export function useActiveSession(): SessionInfo {
  const info = useContext(ActiveSessionContext);
  if (!info) throw new Error('useActiveSession must be used inside <RequireSession>');
  return info;
}
