import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { passwordRuleText } from '../api/error-text.js';
import { ErrorAlert } from '../forms/Alert.js';
import { TextField } from '../forms/TextField.js';
import { useAction } from '../forms/useAction.js';
import { GuideLabelText } from '../i18n/GuideLabelText.js';
import type { GuideLabel } from '../i18n/guide-label.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { PasswordPolicy } from './PasswordPolicy.js';

interface NewPasswordFormProps {
  submitLabel: GuideLabel;
  /** Sends both entries: the server checks the policy and that they match, and names the rule that fails. */
  onSubmit: (password: string, repeat: string) => Promise<void>;
}

/** The rule a refused password broke, from a PASSWORD_POLICY answer; undefined for any other outcome. */
function brokenRule(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.code !== 'PASSWORD_POLICY') return undefined;
  return error.problemWith('password') ?? 'other';
}

export function NewPasswordForm({ submitLabel, onSubmit }: NewPasswordFormProps) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, run } = useAction();
  const passwordInput = useRef<HTMLInputElement>(null);
  const repeatInput = useRef<HTMLInputElement>(null);

  const rule = brokenRule(error);
  const hint = error instanceof ApiError ? error.problemWith('passwordHint') : undefined;
  const ruleText = rule === undefined ? undefined : passwordRuleText(rule, t, hint);
  const mismatch = rule === 'repeat_mismatch';

  // Put the reader on the refused field, where the broken rule is announced with its label.
  useEffect(() => {
    const refused = brokenRule(error);
    if (refused === 'repeat_mismatch') repeatInput.current?.focus();
    else if (refused !== undefined) passwordInput.current?.focus();
  }, [error]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(async () => {
      try {
        await onSubmit(password, repeat);
      } catch (caught) {
        // Hidden characters cannot be corrected one by one: a refused field starts afresh.
        const refused = brokenRule(caught);
        if (refused !== undefined) setRepeat('');
        if (refused !== undefined && refused !== 'repeat_mismatch') setPassword('');
        throw caught;
      }
    });
  }

  return (
    <form className="form" onSubmit={submit}>
      {error !== undefined && rule === undefined && <ErrorAlert error={error} />}
      <TextField
        ref={passwordInput}
        label={t.password.newPassword}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        hint={<PasswordPolicy />}
        error={mismatch ? undefined : ruleText}
        required
      />
      <TextField
        ref={repeatInput}
        label={t.password.repeat}
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={setRepeat}
        error={mismatch ? ruleText : undefined}
        required
      />
      <button type="submit" className="button" disabled={busy}>
        <GuideLabelText label={submitLabel} />
      </button>
    </form>
  );
}
