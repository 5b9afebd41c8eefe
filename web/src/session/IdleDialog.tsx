import { useEffect, useId, useRef } from 'react';
import { ErrorAlert } from '../forms/Alert.js';
import { useAction } from '../forms/useAction.js';
import { GuideLabelText } from '../i18n/GuideLabelText.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatCountdown, idlePhase } from './idle.js';
import { useSession, useSessionSecondsLeft } from './SessionProvider.js';

/**
 * "Do you want to stay logged in?" for the last warningSeconds before idle logout. A modal <dialog>:
 * the browser keeps focus inside it and makes the page behind inert.
 */
export function IdleDialog() {
  const { t } = useI18n();
  const session = useSession();
  const left = useSessionSecondsLeft();
  const { busy, error, run, clearError } = useAction();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();

  const { state } = session;
  const warning =
    state.status === 'active' &&
    left !== undefined &&
    idlePhase(left, state.info.session.warningSeconds) === 'warning';

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (warning && !element.open) {
      clearError();
      element.showModal();
    }
    if (!warning && element.open) element.close();
  }, [warning, clearError]);

  const stay = () => run(session.extend);

  return (
    <dialog
      ref={dialog}
      className="idle-dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      // Escape, or the browser closing the dialog itself, means someone is there: keep the session.
      onClose={() => warning && void stay()}
    >
      <h2 id={titleId}>{t.session.dialogTitle}</h2>
      <p id={textId}>{t.session.dialogText(formatCountdown(left ?? 0))}</p>
      {error !== undefined && <ErrorAlert error={error} />}
      <div className="idle-dialog__actions">
        <button type="button" className="button" disabled={busy} onClick={stay}>
          {t.session.stay}
        </button>
        <button type="button" className="button button--secondary" onClick={() => run(session.logOut)}>
          <GuideLabelText label={t.buttons.logOut} />
        </button>
      </div>
    </dialog>
  );
}
