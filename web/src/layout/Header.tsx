import { Link } from '../app/router.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { Operator } from '../site/site.js';
import { DefaultLogo } from './DefaultLogo.js';
import { LanguageSwitch } from './LanguageSwitch.js';

export function Header({ operator, pathname }: { operator: Operator | undefined; pathname: string }) {
  const { t } = useI18n();
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link to="/" className="brand">
          {operator?.logoUrl ? (
            <img className="brand__logo" src={operator.logoUrl} alt="" />
          ) : (
            <DefaultLogo className="brand__logo" />
          )}
          <span className="brand__text">
            <span className="brand__product">MONA</span>
            <span className="brand__operator">{operator?.name ?? t.layout.productTagline}</span>
          </span>
        </Link>
        <nav className="site-nav" aria-label={t.layout.mainNav}>
          <ul>
            <li>
              <Link to="/" aria-current={pathname === '/' ? 'page' : undefined}>
                {t.layout.navStart}
              </Link>
            </li>
          </ul>
        </nav>
        <LanguageSwitch />
      </div>
    </header>
  );
}
