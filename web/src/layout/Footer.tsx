import { Link } from '../app/router.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ContactList } from '../site/ContactList.js';
import type { Site } from '../site/site.js';

export function Footer({ site }: { site: Site | undefined }) {
  const { t } = useI18n();
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        {site && (
          <section aria-labelledby="footer-support">
            <h2 id="footer-support" className="site-footer__title">
              {t.layout.support}
            </h2>
            <ContactList operator={site.operator} />
          </section>
        )}
        <p className="site-footer__meta">
          {site && <span>{site.operator.name}</span>}
          <span>MONA</span>
          {site && (
            <span>
              {t.layout.version} {site.version}
            </span>
          )}
          <Link to="/accessibility">{t.layout.accessibility}</Link>
        </p>
      </div>
    </footer>
  );
}
