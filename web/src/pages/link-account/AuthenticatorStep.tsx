import { CodeForm } from '../../auth/CodeForm.js';
import { StepPanel } from '../../auth/StepPanel.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { type Authenticator, groupSecret } from './enrolment-api.js';

interface AuthenticatorStepProps {
  progress: string;
  authenticator: Authenticator;
  onCode: (code: string) => Promise<void>;
}

/** The QR code and the key for the authenticator app, then one code to prove the app works. */
export function AuthenticatorStep({ progress, authenticator, onCode }: AuthenticatorStepProps) {
  const { t } = useI18n();
  return (
    <StepPanel title={t.linkAccount.authenticatorTitle} progress={progress} focusTitle>
      <p>{t.linkAccount.authenticatorText}</p>
      <img
        className="qr-code"
        src={authenticator.qrCode}
        alt={t.linkAccount.qrAlt}
        width={200}
        height={200}
      />
      <p>{t.linkAccount.secretText}</p>
      <dl className="authenticator-key">
        <div>
          <dt>{t.linkAccount.accountLabel}</dt>
          <dd>
            {authenticator.issuer}: {authenticator.accountName}
          </dd>
        </div>
        <div>
          <dt>{t.linkAccount.secretLabel}</dt>
          <dd>
            <code>{groupSecret(authenticator.secret)}</code>
          </dd>
        </div>
      </dl>
      <CodeForm submitLabel={t.buttons.continue} onSubmit={onCode}>
        <p>{t.linkAccount.confirmText}</p>
      </CodeForm>
    </StepPanel>
  );
}
