import { type FormEvent, useState } from 'react';
import { StepPanel } from '../../auth/StepPanel.js';
import { ErrorAlert } from '../../forms/Alert.js';
import { TextField } from '../../forms/TextField.js';
import { useAction } from '../../forms/useAction.js';
import { GuideLabelText } from '../../i18n/GuideLabelText.js';
import { useI18n } from '../../i18n/I18nProvider.js';

interface CredentialsStepProps {
  focusTitle: boolean;
  /** Kept by the page, so that after a failed code the user need not type it again. */
  username: string;
  onUsername: (username: string) => void;
  /** Why the user is back at this step: a failed login or a lock. */
  notice: unknown;
  onSubmit: (password: string) => Promise<void>;
}

export function CredentialsStep({
  focusTitle,
  username,
  onUsername,
  notice,
  onSubmit,
}: CredentialsStepProps) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(() => onSubmit(password));
  }

  const shown = error ?? notice;
  return (
    <StepPanel title={t.login.credentialsTitle} focusTitle={focusTitle}>
      <form className="form" onSubmit={submit}>
        {shown !== undefined && <ErrorAlert error={shown} />}
        <TextField
          label={t.login.username}
          value={username}
          onChange={onUsername}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <TextField
          label={t.login.password}
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          required
        />
        <button type="submit" className="button" disabled={busy}>
          <GuideLabelText label={t.buttons.continue} />
        </button>
      </form>
    </StepPanel>
  );
}
