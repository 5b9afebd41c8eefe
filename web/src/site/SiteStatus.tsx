import { useI18n } from '../i18n/I18nProvider.js';

export function SiteLoading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t.layout.loading}
    </p>
  );
}

// Trying again reloads the page: the app starts afresh, as after a server restart.
export function SiteError({ correlationId }: { correlationId?: string }) {
  const { t } = useI18n();
  return (
    <section className="panel panel--error" role="alert" aria-labelledby="site-error-title">
      <h1 id="site-error-title">{t.siteError.title}</h1>
      <p>{t.siteError.text}</p>
      {correlationId && (
        <p className="muted">
          {t.siteError.reference}: <code>{correlationId}</code>
        </p>
      )}
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t.siteError.retry}
      </button>
    </section>
  );
}
