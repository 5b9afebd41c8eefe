import { Link, useSearch } from '../../app/router.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import '../../auth/auth.css';
import { useI18n } from '../../i18n/I18nProvider.js';
import { ContactList } from '../../site/ContactList.js';
import { useSite } from '../../site/useSite.js';
import { outcomeFrom, outcomeText } from './bankid-outcome.js';
import './bankid-outcome.css';

/**
 * Back from the BankID broker without a session (`/login/bankid?outcome=…`): the link request is
 * recorded, or the login failed, was cancelled or stopped; the server has logged the details.
 */
export function BankIdOutcomePage() {
  const { t } = useI18n();
  const { operator } = useSite();
  const outcome = outcomeFrom(useSearch());
  const { title, text, help, kind, retry } = outcomeText(outcome, t);
  useDocumentTitle(title);

  return (
    <div className="journey">
      <h1>{t.login.title}</h1>
      <section
        className={kind === 'error' ? 'panel panel--error' : 'panel bankid-outcome--recorded'}
        aria-labelledby="bankid-outcome-title"
      >
        <h2 id="bankid-outcome-title">{title}</h2>
        <p>{text}</p>
        {help && <p>{help}</p>}
        {outcome === 'country' && <ContactList operator={operator} />}
        <p>
          {retry ? (
            <Link to="/login" className="button">
              {t.bankidOutcome.startAgain}
            </Link>
          ) : (
            <Link to="/" className="button button--secondary">
              {t.bankidOutcome.toStartPage}
            </Link>
          )}
        </p>
      </section>
    </div>
  );
}
