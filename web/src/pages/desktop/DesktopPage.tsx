import { useEffect, useState } from 'react';
import { getJson, isRecord } from '../../api/client.js';
import { Link } from '../../app/router.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { Alert, ErrorAlert } from '../../forms/Alert.js';
import { useI18n } from '../../i18n/I18nProvider.js';

// No installation configures the remote desktop service yet; the status says so, and this page says it on.
const parseStatus = (body: unknown) => (isRecord(body) && body.configured === false ? false : undefined);

export function DesktopPage() {
  const { t } = useI18n();
  useDocumentTitle(t.desktop.title);
  const [configured, setConfigured] = useState<boolean>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    getJson('/api/desktop/status', parseStatus).then(setConfigured, setError);
  }, []);

  return (
    <section className="journey" aria-labelledby="desktop-title">
      <h1 id="desktop-title">{t.desktop.title}</h1>
      {error !== undefined && <ErrorAlert error={error} />}
      {configured === false && (
        <Alert kind="info">
          <p>{t.desktop.notConfigured}</p>
        </Alert>
      )}
      <p>
        <Link to="/portal">{t.desktop.backToPortal}</Link>
      </p>
    </section>
  );
}
