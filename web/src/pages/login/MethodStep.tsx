import { StepPanel } from '../../auth/StepPanel.js';
import { GuideLabelText } from '../../i18n/GuideLabelText.js';
import type { GuideLabel } from '../../i18n/guide-label.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import type { LoginMethod } from '../../site/site.js';

interface MethodStepProps {
  focusTitle: boolean;
  /** The methods this installation offers, in the order to show them. */
  methods: LoginMethod[];
  onChoose: (method: LoginMethod) => void;
}

/** The ways to log in: BankID, when the installation has a broker for it, and one-time passwords. */
export function MethodStep({ focusTitle, methods, onChoose }: MethodStepProps) {
  const { t } = useI18n();
  const labels: Record<LoginMethod, { button: GuideLabel; text: string }> = {
    bankid: { button: t.buttons.bankid, text: t.login.methodBankIdText },
    otp: { button: t.buttons.otp, text: t.login.methodOtpText },
  };
  return (
    <StepPanel title={t.login.methodTitle} focusTitle={focusTitle}>
      <ul className="methods">
        {methods.map((method) => (
          <li key={method}>
            <button
              type="button"
              className="button"
              aria-describedby={`method-${method}-text`}
              onClick={() => onChoose(method)}
            >
              <GuideLabelText label={labels[method].button} />
            </button>
            <p id={`method-${method}-text`} className="muted">
              {labels[method].text}
            </p>
          </li>
        ))}
      </ul>
    </StepPanel>
  );
}
