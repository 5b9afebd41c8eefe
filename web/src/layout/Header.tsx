import { Link } from '../app/router.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useSession } from '../session/SessionProvider.js';
import { hasReviewerAccess, hasSupportAccess } from '../session/session.js';
import type { Operator } from '../site/site.js';
import { DefaultLogo } from './DefaultLogo.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { SessionBar } from './SessionBar.js';

export function Header({ operator, pathname }: { operator: Operator | undefined; pathname: string }) {
  const { t } = useI18n();
  const { state } = useSession();
  const info = state.status === 'active' ? state.info : undefined;

  const entries = info
    ? [
        { to: '/portal', label: t.layout.navPortal },
        { to: '/web', label: t.layout.navMonaWeb },
        { to: '/desktop', label: t.layout.navRemoteDesktop },
        ...(hasSupportAccess(info)
          ? [
              { to: '/support/mail', label: t.layout.navCaughtMail },
              { to: '/support/bankid-requests', label: t.layout.navBankIdRequests },
            ]
          : []),
        ...(hasReviewerAccess(info) ? [{ to: '/review/uploads', label: t.layout.navUploadReview }] : []),
      ]
    : [
        { to: '/', label: t.layout.navStart },
        { to: '/login', label: t.layout.navLogIn },
      ];

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
            {entries.map((entry) => (
              <li key={entry.to}>
                <Link to={entry.to} aria-current={pathname === entry.to ? 'page' : undefined}>
                  {entry.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <LanguageSwitch />
      </div>
      {info && <SessionBar fullName={info.user.fullName} />}
    </header>
  );
}
