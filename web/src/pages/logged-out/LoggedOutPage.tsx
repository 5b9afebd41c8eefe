import { Link, useSearch } from '../../app/router.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { Alert } from '../../forms/Alert.js';
import { GuideLabelText } from '../../i18n/GuideLabelText.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { idleDuration } from '../../session/idle.js';
import { endedForFrom } from '../../session/logged-out.js';

export function LoggedOutPage() {
  const { t } = useI18n();
  useDocumentTitle(t.loggedOut.title);
  const endedFor = endedForFrom(useSearch());
  const idle = typeof endedFor === 'object' ? idleDuration(endedFor.idleSeconds) : undefined;

  return (
    <section className="journey" aria-labelledby="logged-out-title">
      <h1 id="logged-out-title">{t.loggedOut.title}</h1>
      {idle && (
        <Alert kind="info">
          <p>{t.loggedOut.idle(t.units[idle.unit](idle.count))}</p>
        </Alert>
      )}
      {endedFor === 'country' && (
        <Alert kind="error">
          <p>{t.loggedOut.country}</p>
          <p>{t.login.countryRules}</p>
          <p>{t.blocked.help}</p>
        </Alert>
      )}
      <p>{t.loggedOut.text}</p>
      <p>
        <Link to="/login" className="button">
          <GuideLabelText label={t.buttons.logIn} />
        </Link>
      </p>
    </section>
  );
}
