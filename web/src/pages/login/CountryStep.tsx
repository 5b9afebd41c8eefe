import { useEffect, useState } from 'react';
import { StepPanel } from '../../auth/StepPanel.js';
import { ErrorAlert } from '../../forms/Alert.js';
import { useAction } from '../../forms/useAction.js';
import { GuideLabelText } from '../../i18n/GuideLabelText.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { BlockedNotice } from './BlockedNotice.js';
import { type CountryCheck, confirmApprovedCountry, fetchCountry } from './login-api.js';

interface CountryStepProps {
  focusTitle: boolean;
  /** Why the user is back at this step, e.g. a login that took too long. */
  notice: unknown;
  onConfirmed: () => void;
}

/** Where the visitor's address appears to be; an approved country still needs the user's own confirmation. */
export function CountryStep({ focusTitle, notice, onConfirmed }: CountryStepProps) {
  const { t } = useI18n();
  const [check, setCheck] = useState<CountryCheck>();
  const [loadError, setLoadError] = useState<unknown>();
  const { busy, error, run } = useAction();

  useEffect(() => {
    fetchCountry().then(setCheck, setLoadError);
  }, []);

  if (loadError !== undefined) return <ErrorAlert error={loadError} />;
  if (!check) {
    return (
      <p className="muted" role="status">
        {t.login.checkingCountry}
      </p>
    );
  }
  if (!check.allowed) return <BlockedNotice check={check} />;

  const accept = () =>
    run(async () => {
      await confirmApprovedCountry();
      onConfirmed();
    });
  return (
    <StepPanel title={t.login.countryTitle} focusTitle={focusTitle}>
      {notice !== undefined && <ErrorAlert error={notice} />}
      {error !== undefined && <ErrorAlert error={error} />}
      <p>{t.login.countryRules}</p>
      <ul>
        <li>{t.login.countryNotUsaCanada}</li>
        <li>{t.login.countryNoVpn}</li>
      </ul>
      <p className="step__statement">{t.login.countryConfirm}</p>
      <button type="button" className="button" disabled={busy} onClick={accept}>
        <GuideLabelText label={t.buttons.accept} />
      </button>
    </StepPanel>
  );
}
