import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { ErrorAlert } from '../forms/Alert.js';
import { TextField } from '../forms/TextField.js';
import { useAction } from '../forms/useAction.js';
import { GuideLabelText } from '../i18n/GuideLabelText.js';
import type { GuideLabel } from '../i18n/guide-label.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { normaliseCode } from './code.js';

interface CodeFormProps {
  submitLabel: GuideLabel;
  onSubmit: (code: string) => Promise<void>;
  children?: ReactNode;
}

/** Asks for the six-digit code from the authenticator app. */
export function CodeForm({ submitLabel, onSubmit, children }: CodeFormProps) {
  const { t } = useI18n();
  const [input, setInput] = useState('');
  const [invalid, setInvalid] = useState(false);
  // Counts refused submissions: each one puts the focus back on the field, once its error is shown,
  // so that a screen reader announces the field with the error.
  const [refusals, setRefusals] = useState(0);
  const field = useRef<HTMLInputElement>(null);
  const { busy, error, run } = useAction();

  useEffect(() => {
    if (refusals > 0) field.current?.focus();
  }, [refusals]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = normaliseCode(input);
    setInvalid(code === undefined);
    if (code === undefined) {
      setRefusals((count) => count + 1);
      return;
    }
    void run(async () => {
      try {
        await onSubmit(code);
      } finally {
        // A code is good once: whatever the answer, the next try needs the app's next one.
        setInput('');
      }
    });
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      {error !== undefined && <ErrorAlert error={error} />}
      {children}
      <TextField
        label={t.code.label}
        hint={t.code.hint}
        ref={field}
        error={invalid ? t.code.invalid : undefined}
        className="field__input--code"
        value={input}
        onChange={setInput}
        inputMode="numeric"
        autoComplete="one-time-code"
        required
      />
      <button type="submit" className="button" disabled={busy}>
        <GuideLabelText label={submitLabel} />
      </button>
    </form>
  );
}
