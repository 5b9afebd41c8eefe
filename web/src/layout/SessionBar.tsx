import { useAction } from '../forms/useAction.js';
import { GuideLabelText } from '../i18n/GuideLabelText.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatCountdown } from '../session/idle.js';
import { useSession, useSessionSecondsLeft } from '../session/SessionProvider.js';

/** Who is logged in, how long until idle logout, and the way out. */
export function SessionBar({ fullName }: { fullName: string }) {
  const { t } = useI18n();
  const { logOut } = useSession();
  const left = useSessionSecondsLeft();
  const { busy, error, run } = useAction();

  return (
    <div className="session-bar">
      <div className="container session-bar__inner">
        <span className="session-bar__name">{fullName}</span>
        {/* role="timer" is not announced on every tick; the idle dialog does the warning. */}
        <span className="session-bar__countdown" role="timer">
          {t.session.loggedOutIn(formatCountdown(left ?? 0))}
        </span>
        <button type="button" className="button button--small" disabled={busy} onClick={() => run(logOut)}>
          <GuideLabelText label={t.buttons.logOut} />
        </button>
        {error !== undefined && (
          <p className="session-bar__error" role="alert">
            {t.session.logOutFailed}
          </p>
        )}
      </div>
    </div>
  );
}
