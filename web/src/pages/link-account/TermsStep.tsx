import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { StepPanel } from '../../auth/StepPanel.js';
import { ErrorAlert } from '../../forms/Alert.js';
import { useAction } from '../../forms/useAction.js';
import { GuideLabelText } from '../../i18n/GuideLabelText.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { TermsText } from '../../terms/TermsText.js';
import { fetchCurrentTerms, type TermsVersion } from '../../terms/terms.js';

interface TermsStepProps {
  progress: string;
  terms: TermsVersion;
  onAccept: (version: string) => Promise<void>;
}

export function TermsStep({ progress, terms, onAccept }: TermsStepProps) {
  const { t } = useI18n();
  const [shown, setShown] = useState(terms);
  const { busy, error, run } = useAction();

  const accept = () =>
    run(async () => {
      try {
        await onAccept(shown.version);
      } catch (caught) {
        // Newer terms were published meanwhile: show them; the error asks the user to read them.
        if (caught instanceof ApiError && caught.code === 'TERMS_OUTDATED')
          setShown(await fetchCurrentTerms());
        throw caught;
      }
    });

  return (
    <StepPanel title={t.linkAccount.termsTitle} progress={progress} focusTitle>
      <p>{t.linkAccount.termsText}</p>
      {error !== undefined && <ErrorAlert error={error} />}
      <TermsText terms={shown} />
      <button type="button" className="button" disabled={busy} onClick={accept}>
        <GuideLabelText label={t.buttons.accept} />
      </button>
    </StepPanel>
  );
}
