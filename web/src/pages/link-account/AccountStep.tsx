import { type FormEvent, useState } from 'react';
import { StepPanel } from '../../auth/StepPanel.js';
import { Alert, ErrorAlert } from '../../forms/Alert.js';
import { TextField } from '../../forms/TextField.js';
import { useAction } from '../../forms/useAction.js';
import { GuideLabelText } from '../../i18n/GuideLabelText.js';
import { useI18n } from '../../i18n/I18nProvider.js';

interface AccountStepProps {
  progress: string;
  focusTitle: boolean;
  /** The previous attempt took too long, and the server stopped it. */
  expired: boolean;
  onSubmit: (username: string, password: string) => Promise<void>;
}

/** Username and the initial password from the registered-post letter. */
export function AccountStep({ progress, focusTitle, expired, onSubmit }: AccountStepProps) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(() => onSubmit(username, password));
  }

  return (
    <StepPanel title={t.linkAccount.accountTitle} progress={progress} focusTitle={focusTitle}>
      <p>{t.linkAccount.intro}</p>
      <form className="form" onSubmit={submit}>
        {error !== undefined && <ErrorAlert error={error} />}
        {error === undefined && expired && (
          <Alert kind="error">
            <p>{t.errors.enrolmentFlowExpired}</p>
          </Alert>
        )}
        <TextField
          label={t.login.username}
          value={username}
          onChange={setUsername}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <TextField
          label={t.linkAccount.initialPassword}
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="one-time-code"
          required
        />
        <button type="submit" className="button" disabled={busy}>
          <GuideLabelText label={t.buttons.continue} />
        </button>
      </form>
    </StepPanel>
  );
}
