import { StepPanel } from '../../auth/StepPanel.js';
import { useI18n } from '../../i18n/I18nProvider.js';

/** The ways to log in. BankID joins one-time passwords here when the platform supports it. */
export function MethodStep({ focusTitle, onOtp }: { focusTitle: boolean; onOtp: () => void }) {
  const { t } = useI18n();
  return (
    <StepPanel title={t.login.methodTitle} focusTitle={focusTitle}>
      <ul className="methods">
        <li>
          <button type="button" className="button" aria-describedby="method-otp-text" onClick={onOtp}>
            {t.buttons.otp}
          </button>
          <p id="method-otp-text" className="muted">
            {t.login.methodOtpText}
          </p>
        </li>
      </ul>
    </StepPanel>
  );
}
