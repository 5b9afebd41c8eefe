import { type FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { StepPanel } from '../../auth/StepPanel.js';
import { Alert, ErrorAlert } from '../../forms/Alert.js';
import { TextField } from '../../forms/TextField.js';
import { useAction } from '../../forms/useAction.js';
import { GuideLabelText } from '../../i18n/GuideLabelText.js';
import { useI18n } from '../../i18n/I18nProvider.js';

interface BankIdStepProps {
  focusTitle: boolean;
  /** Kept by the page, shared with the one-time password step. */
  username: string;
  onUsername: (username: string) => void;
  /** Resolves with the broker's address once the server has started the BankID login. */
  onSubmit: () => Promise<string | undefined>;
}

/** The username; then off to the BankID broker's pages, which send the browser back here when done. */
export function BankIdStep({ focusTitle, username, onUsername, onSubmit }: BankIdStepProps) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  // Between the answer and the broker's page: the button stays disabled so the login starts once.
  const [leaving, setLeaving] = useState(false);

  // Back from the broker with the browser's back button, the page may come from the back-forward cache.
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => event.persisted && setLeaving(false);
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(async () => {
      const redirectUrl = await onSubmit();
      if (redirectUrl === undefined) return;
      setLeaving(true);
      window.location.assign(redirectUrl);
    });
  }

  const notOffered = error instanceof ApiError && error.code === 'NOT_FOUND';
  return (
    <StepPanel title={t.login.bankidTitle} focusTitle={focusTitle}>
      <p>{t.login.bankidText}</p>
      <form className="form" onSubmit={submit}>
        {notOffered && (
          <Alert kind="error">
            <p>{t.errors.bankidNotOffered}</p>
          </Alert>
        )}
        {error !== undefined && !notOffered && <ErrorAlert error={error} />}
        <TextField
          label={t.login.username}
          value={username}
          onChange={onUsername}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <button type="submit" className="button" disabled={busy || leaving}>
          <GuideLabelText label={t.buttons.continue} />
        </button>
        {leaving && (
          <p className="muted" role="status">
            {t.login.bankidLeaving}
          </p>
        )}
      </form>
    </StepPanel>
  );
}
