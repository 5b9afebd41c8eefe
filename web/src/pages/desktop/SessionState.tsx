import { formatClock } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import type { DesktopSession } from './desktop-api.js';

/** The desktop session in words (R25, R26): running, connected or since when not, and when it will end. */
export function SessionState({ session }: { session: DesktopSession | null }) {
  const { t, language } = useI18n();
  const d = t.desktop;
  const now = new Date();
  const clock = (iso: string) => formatClock(iso, language, now);

  let state = d.noSession;
  if (session?.state === 'starting') state = d.starting;
  else if (session?.connected) state = d.connected;
  else if (session)
    state = session.disconnectedSince ? d.disconnected(clock(session.disconnectedSince)) : d.notConnected;
  return (
    <div className="desktop__state">
      <p>{state}</p>
      {session && !session.connected && session.endsAt && <p>{d.endsAt(clock(session.endsAt))}</p>}
    </div>
  );
}
