import { useEffect, useState } from 'react';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { Alert, ErrorAlert } from '../../forms/Alert.js';
import { formatDateTime } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { type CaughtMail, fetchCaughtMail } from './caught-mail.js';
import './support-mail.css';

/** Mail the built-in SMTP catcher kept instead of delivering: support staff help users enrol with it. */
export function SupportMailPage() {
  const { t, language } = useI18n();
  useDocumentTitle(t.supportMail.title);
  const [mail, setMail] = useState<CaughtMail>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    fetchCaughtMail().then(setMail, setError);
  }, []);

  return (
    <section className="support-mail" aria-labelledby="support-mail-title">
      <h1 id="support-mail-title">{t.supportMail.title}</h1>
      <p>{t.supportMail.intro}</p>
      {error !== undefined && <ErrorAlert error={error} />}
      {mail && !mail.catcherRunning && (
        <Alert kind="info">
          <p>{t.supportMail.notRunning}</p>
        </Alert>
      )}
      {mail?.messages.length === 0 && <p className="muted">{t.supportMail.empty}</p>}
      {mail && mail.messages.length > 0 && (
        <ul className="mail-list">
          {mail.messages.map((message) => (
            <li key={message.id}>
              <details className="mail">
                <summary className="mail__summary">
                  <span className="mail__subject">{message.subject || t.supportMail.noSubject}</span>
                  <span className="mail__meta">
                    {t.supportMail.to}: {message.to.join(', ')}
                  </span>
                  <span className="mail__meta">
                    {t.supportMail.received}:{' '}
                    <time dateTime={message.receivedAt}>{formatDateTime(message.receivedAt, language)}</time>
                  </span>
                </summary>
                <p className="mail__meta">
                  {t.supportMail.from}: {message.from}
                </p>
                {/* The mail as it was sent, in both its languages: not this page's words, not to be translated. */}
                <pre className="mail__text" translate="no">
                  {message.text}
                </pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
