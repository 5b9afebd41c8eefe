import { useEffect, useState } from 'react';
import { ApiError, type ApiErrorCode } from '../../api/client.js';
import { navigate } from '../../app/router.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { CodeForm } from '../../auth/CodeForm.js';
import { NewPasswordForm } from '../../auth/NewPasswordForm.js';
import { StepPanel } from '../../auth/StepPanel.js';
import '../../auth/auth.css';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useSession } from '../../session/SessionProvider.js';
import { useSite } from '../../site/useSite.js';
import { BankIdStep } from './BankIdStep.js';
import { CountryStep } from './CountryStep.js';
import { CredentialsStep } from './CredentialsStep.js';
import {
  type NewPasswordReason,
  startBankIdLogin,
  submitCode,
  submitNewPassword,
  submitPassword,
} from './login-api.js';
import { MethodStep } from './MethodStep.js';

type Step = 'country' | 'method' | 'bankid' | 'credentials' | 'code' | 'new-password';

const isCode = (error: unknown, ...codes: ApiErrorCode[]) =>
  error instanceof ApiError && codes.includes(error.code);

/**
 * Country and method; then, for one-time passwords, username and password, code, and a new password
 * when one is due, ending in the portal; for BankID, the username, and off to the broker.
 */
export function LoginPage() {
  const { t, language } = useI18n();
  const session = useSession();
  const { loginMethods } = useSite();
  useDocumentTitle(t.login.title);

  const [step, setStep] = useState<Step>('country');
  const [moved, setMoved] = useState(false);
  // An error that sent the user back to an earlier step, shown there.
  const [notice, setNotice] = useState<unknown>();
  const [username, setUsername] = useState('');
  const [passwordReason, setPasswordReason] = useState<NewPasswordReason>('first_login');

  // The portal is where a login leads, also for someone who is logged in already.
  const loggedIn = session.state.status === 'active';
  useEffect(() => {
    if (loggedIn) navigate('/portal', { replace: true });
  }, [loggedIn]);

  function go(next: Step, carried?: unknown) {
    setNotice(carried);
    setMoved(true);
    setStep(next);
  }

  /** The server forgot this login (it took too long): only a fresh start helps. Other errors stay with
   * the form. */
  async function attempt(action: () => Promise<void>) {
    setNotice(undefined);
    try {
      await action();
    } catch (error) {
      if (!isCode(error, 'LOGIN_FLOW_EXPIRED')) throw error;
      go('country', error);
    }
  }

  // The broker's address; undefined when the login went back to the start.
  const bankid = async () => {
    let redirectUrl: string | undefined;
    await attempt(async () => {
      redirectUrl = await startBankIdLogin(username, language);
    });
    return redirectUrl;
  };

  const password = (value: string) =>
    attempt(async () => {
      await submitPassword(username, value);
      go('code');
    });

  const code = (value: string) =>
    attempt(async () => {
      try {
        const outcome = await submitCode(value);
        if (outcome.next === 'portal') return session.refresh();
        setPasswordReason(outcome.reason);
        go('new-password');
      } catch (error) {
        // The verdict on username, password and code together: back to the start of the credentials.
        if (!isCode(error, 'LOGIN_FAILED', 'LOGIN_LOCKED')) throw error;
        go('credentials', error);
      }
    });

  const newPassword = (value: string, repeat: string) =>
    attempt(async () => {
      await submitNewPassword(value, repeat);
      await session.refresh();
    });

  return (
    <div className="journey">
      <h1>{t.login.title}</h1>
      {step === 'country' && (
        <CountryStep focusTitle={moved} notice={notice} onConfirmed={() => go('method')} />
      )}
      {step === 'method' && (
        <MethodStep
          focusTitle={moved}
          methods={loginMethods}
          onChoose={(method) => go(method === 'bankid' ? 'bankid' : 'credentials')}
        />
      )}
      {step === 'bankid' && (
        <BankIdStep focusTitle={moved} username={username} onUsername={setUsername} onSubmit={bankid} />
      )}
      {step === 'credentials' && (
        <CredentialsStep
          focusTitle={moved}
          username={username}
          onUsername={setUsername}
          notice={notice}
          onSubmit={password}
        />
      )}
      {step === 'code' && (
        <StepPanel title={t.login.codeTitle} focusTitle={moved}>
          <CodeForm submitLabel={t.buttons.logIn} onSubmit={code} />
        </StepPanel>
      )}
      {step === 'new-password' && (
        <StepPanel title={t.login.newPasswordTitle} focusTitle={moved}>
          <p>{passwordReason === 'expired' ? t.login.newPasswordExpired : t.login.newPasswordFirstLogin}</p>
          <NewPasswordForm submitLabel={t.buttons.logIn} onSubmit={newPassword} />
        </StepPanel>
      )}
    </div>
  );
}
