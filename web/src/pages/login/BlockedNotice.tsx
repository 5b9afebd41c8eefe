import { countryName } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { ContactList } from '../../site/ContactList.js';
import { useSite } from '../../site/useSite.js';
import type { CountryCheck } from './login-api.js';

/** Why this visitor may not log in, and where to turn if that is wrong. */
export function BlockedNotice({ check }: { check: Extract<CountryCheck, { allowed: false }> }) {
  const { t, language } = useI18n();
  const { operator } = useSite();

  let why: string;
  if (check.reason === 'private_network_refused') why = t.blocked.privateNetwork;
  else if (check.country) why = t.blocked.countryNotApproved(countryName(check.country, language));
  else if (check.reason === 'country_not_approved') why = t.blocked.countryUnknownName;
  else why = t.blocked.countryUnknown;

  return (
    <section className="panel panel--error" aria-labelledby="blocked-title">
      <h2 id="blocked-title">{t.blocked.title}</h2>
      <p>{why}</p>
      <p>{t.login.countryRules}</p>
      <ul>
        <li>{t.login.countryNotUsaCanada}</li>
        <li>{t.login.countryNoVpn}</li>
      </ul>
      <p>{t.blocked.help}</p>
      <ContactList operator={operator} />
    </section>
  );
}
