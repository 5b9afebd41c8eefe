import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { Alert, ErrorAlert } from '../../forms/Alert.js';
import { useAction } from '../../forms/useAction.js';
import { formatDateTime } from '../../i18n/format.js';
import { GuideLabelText } from '../../i18n/GuideLabelText.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { TermsText } from '../../terms/TermsText.js';
import { acceptTerms, type CurrentTerms, fetchCurrentTerms } from '../../terms/terms.js';

/** The current terms of use, whether this user accepted them, and the button to do so. */
export function TermsTab() {
  const { t, language } = useI18n();
  const [terms, setTerms] = useState<CurrentTerms>();
  const [loadError, setLoadError] = useState<unknown>();
  const [acceptedNow, setAcceptedNow] = useState(false);
  const { busy, error, run } = useAction();

  useEffect(() => {
    fetchCurrentTerms().then(setTerms, setLoadError);
  }, []);

  if (loadError !== undefined) return <ErrorAlert error={loadError} />;
  if (!terms) {
    return (
      <p className="muted" role="status">
        {t.terms.loading}
      </p>
    );
  }

  const accept = () =>
    run(async () => {
      try {
        const acceptedAt = await acceptTerms(terms.version);
        setTerms({ ...terms, acceptedAt });
        setAcceptedNow(true);
      } catch (caught) {
        // Newer terms were published meanwhile: show them; the error asks the user to read them.
        if (caught instanceof ApiError && caught.code === 'TERMS_OUTDATED')
          setTerms(await fetchCurrentTerms());
        throw caught;
      }
    });

  return (
    <>
      <h2>{t.monaWeb.termsTab}</h2>
      <p className="muted">{t.terms.version(terms.version, formatDateTime(terms.publishedAt, language))}</p>
      <p className="terms-status">
        {terms.acceptedAt
          ? t.terms.accepted(formatDateTime(terms.acceptedAt, language))
          : t.terms.notAccepted}
      </p>
      {acceptedNow && (
        <Alert kind="success">
          <p>{t.terms.acceptedNow}</p>
        </Alert>
      )}
      {error !== undefined && <ErrorAlert error={error} />}
      <TermsText terms={terms} />
      {!terms.acceptedAt && (
        <button type="button" className="button" disabled={busy} onClick={accept}>
          <GuideLabelText label={t.buttons.accept} />
        </button>
      )}
    </>
  );
}
