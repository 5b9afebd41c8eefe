import type { ReactNode } from 'react';
import { errorText } from '../api/error-text.js';
import { useI18n } from '../i18n/I18nProvider.js';

/** A message box: errors are announced at once, other news politely. */
export function Alert({ kind, children }: { kind: 'error' | 'success' | 'info'; children: ReactNode }) {
  return (
    <div className={`alert alert--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** A failed call in the user's words, with the reference support needs when the user cannot fix it. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  const { text, reference } = errorText(error, t);
  return (
    <Alert kind="error">
      <p>{text}</p>
      {reference && <p className="muted">{t.errors.reference(reference)}</p>}
    </Alert>
  );
}
