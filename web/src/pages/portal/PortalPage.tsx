import { useEffect, useState } from 'react';
import { Link } from '../../app/router.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { Alert } from '../../forms/Alert.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { Notices } from '../../notices/Notices.js';
import { useActiveSession } from '../../session/RequireSession.js';
import { useSession } from '../../session/SessionProvider.js';
import { type DesktopSession, fetchDesktopStatus } from '../desktop/desktop-api.js';
import { SessionState } from '../desktop/SessionState.js';
import './portal.css';

/** Where a login leads: MONA web; Remote Desktop too if the current terms were accepted before this login. */
export function PortalPage() {
  const { t } = useI18n();
  const { user, portal } = useActiveSession();
  const { refresh } = useSession();
  useDocumentTitle(t.portal.title);

  // The flags may have changed since the session was last read (new terms published, say).
  useEffect(() => {
    refresh().catch(() => undefined);
  }, [refresh]);

  return (
    <div className="portal">
      <h1>{t.portal.welcome(user.fullName)}</h1>
      <Notices />
      <ul className="portal__entries">
        <li className="portal-entry">
          <h2>
            <Link to="/web">{t.portal.monaWeb}</Link>
          </h2>
          <p>{t.portal.monaWebText}</p>
        </li>
        {portal.remoteDesktop && (
          <li className="portal-entry">
            <h2>
              <Link to="/desktop">{t.portal.remoteDesktop}</Link>
            </h2>
            <p>{t.portal.remoteDesktopText}</p>
            <DesktopSessionState />
          </li>
        )}
      </ul>
      {!portal.remoteDesktop && (
        <Alert kind="info">
          {/* Accepted in this session: only a new login shows it, whichever method it uses (R10). */}
          <p>{portal.termsAccepted ? t.portal.remoteDesktopAfterLogin : t.portal.remoteDesktopHidden}</p>
        </Alert>
      )}
    </div>
  );
}

/** The state of the user's desktop session, once known; nothing while it loads or when it cannot be read. */
function DesktopSessionState() {
  const [session, setSession] = useState<DesktopSession | null>();
  useEffect(() => {
    fetchDesktopStatus().then(
      (status) => setSession(status.session),
      () => undefined,
    );
  }, []);
  return session === undefined ? null : <SessionState session={session} />;
}
