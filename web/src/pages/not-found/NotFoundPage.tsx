import { Link } from '../../app/router.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { useI18n } from '../../i18n/I18nProvider.js';

export function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t.notFound.title);
  return (
    <section className="panel" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t.notFound.title}</h1>
      <p>{t.notFound.text}</p>
      <Link to="/" className="button">
        {t.notFound.homeLink}
      </Link>
    </section>
  );
}
