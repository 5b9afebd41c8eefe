import { Link } from '../../app/router.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { ContactList } from '../../site/ContactList.js';
import { useSite } from '../../site/useSite.js';

/**
 * The accessibility statement (tillgänglighetsredogörelse) that the Swedish law on accessibility of
 * digital public services (DOS-lagen) asks of a public-sector service: how far it meets WCAG 2.1 AA,
 * what is not accessible and what to use instead, and where to report a problem.
 */
export function AccessibilityPage() {
  const { t } = useI18n();
  const a = t.accessibility;
  const { operator } = useSite();
  useDocumentTitle(a.title);
  return (
    <article className="panel" aria-labelledby="accessibility-title">
      <h1 id="accessibility-title">{a.title}</h1>
      <p>{a.intro(operator.name)}</p>

      <h2>{a.statusTitle}</h2>
      <p>{a.status}</p>

      <h2>{a.limitsTitle}</h2>
      <ul>
        {a.limits.map((limit) => (
          <li key={limit}>{limit}</li>
        ))}
      </ul>
      <p>
        {a.alternative} <Link to="/help/rdp">{a.alternativeLink}</Link>
      </p>

      <h2>{a.reportTitle}</h2>
      <p>{a.report}</p>
      <ContactList operator={operator} />

      <h2>{a.enforcementTitle}</h2>
      <p>{a.enforcement}</p>

      <h2>{a.methodTitle}</h2>
      <p>{a.method}</p>
    </article>
  );
}
