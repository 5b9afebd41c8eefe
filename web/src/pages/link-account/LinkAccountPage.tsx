import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { Link, useSearch } from '../../app/router.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { NewPasswordForm } from '../../auth/NewPasswordForm.js';
import { StepPanel } from '../../auth/StepPanel.js';
import { GuideLabelText } from '../../i18n/GuideLabelText.js';
import '../../auth/auth.css';
import { Alert } from '../../forms/Alert.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import type { TermsVersion } from '../../terms/terms.js';
import { AccountStep } from './AccountStep.js';
import { AuthenticatorStep } from './AuthenticatorStep.js';
import {
  type Authenticator,
  acceptEnrolmentTerms,
  choosePassword,
  confirmAuthenticator,
  startEnrolment,
} from './enrolment-api.js';
import { TermsStep } from './TermsStep.js';
import './link-account.css';

type Step =
  | { name: 'account' }
  | { name: 'password' }
  | { name: 'authenticator'; authenticator: Authenticator }
  | { name: 'terms'; terms: TermsVersion }
  | { name: 'done' };

const stepCount = 4;

/** From the welcome mail's link: the letter's password, an own password, the authenticator app, the terms. */
export function LinkAccountPage() {
  const { t } = useI18n();
  useDocumentTitle(t.linkAccount.title);
  const token = new URLSearchParams(useSearch()).get('token');
  const [step, setStep] = useState<Step>({ name: 'account' });
  const [expired, setExpired] = useState(false);

  const progress = (n: number) => t.linkAccount.step(n, stepCount);

  /** The server forgot this linking (it took too long): only a fresh start helps. Other errors stay with
   * the form. */
  async function attempt(action: () => Promise<Step>) {
    try {
      setStep(await action());
      setExpired(false);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'LOGIN_FLOW_EXPIRED')) throw error;
      setExpired(true);
      setStep({ name: 'account' });
    }
  }

  if (!token) {
    return (
      <div className="journey">
        <h1>{t.linkAccount.title}</h1>
        <Alert kind="error">
          <p>{t.linkAccount.missingToken}</p>
        </Alert>
      </div>
    );
  }

  return (
    <div className="journey">
      <h1>{t.linkAccount.title}</h1>
      {step.name === 'account' && (
        <AccountStep
          progress={progress(1)}
          focusTitle={expired}
          expired={expired}
          onSubmit={(username, password) =>
            attempt(async () => {
              await startEnrolment(token, username, password);
              return { name: 'password' };
            })
          }
        />
      )}
      {step.name === 'password' && (
        <StepPanel title={t.linkAccount.passwordTitle} progress={progress(2)} focusTitle>
          <NewPasswordForm
            submitLabel={t.buttons.continue}
            onSubmit={(password, repeat) =>
              attempt(async () => ({
                name: 'authenticator',
                authenticator: await choosePassword(password, repeat),
              }))
            }
          />
        </StepPanel>
      )}
      {step.name === 'authenticator' && (
        <AuthenticatorStep
          progress={progress(3)}
          authenticator={step.authenticator}
          onCode={(code) => attempt(async () => ({ name: 'terms', terms: await confirmAuthenticator(code) }))}
        />
      )}
      {step.name === 'terms' && (
        <TermsStep
          progress={progress(4)}
          terms={step.terms}
          onAccept={(version) =>
            attempt(async () => {
              await acceptEnrolmentTerms(version);
              return { name: 'done' };
            })
          }
        />
      )}
      {step.name === 'done' && (
        <StepPanel title={t.linkAccount.doneTitle} focusTitle>
          <p>{t.linkAccount.doneText}</p>
          <Link to="/login" className="button">
            <GuideLabelText label={t.buttons.logIn} />
          </Link>
        </StepPanel>
      )}
    </div>
  );
}
