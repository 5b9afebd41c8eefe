import { type ReactNode, useEffect, useRef } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { IdleDialog } from '../session/IdleDialog.js';
import type { Site } from '../site/site.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import './layout.css';

interface LayoutProps {
  /** Undefined while the site settings load, or when they could not be loaded. */
  site: Site | undefined;
  pathname: string;
  /** For the desktop viewer: the page alone, with the idle warning. */
  fullWindow: boolean;
  children: ReactNode;
}

export function Layout({ site, pathname, fullWindow, children }: LayoutProps) {
  const { t } = useI18n();
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);

  // After an in-app navigation, start keyboard and screen-reader users at the new content.
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    main.current?.focus();
  }, [pathname]);

  if (fullWindow) {
    return (
      <>
        <main id="main" className="full-window">
          {children}
        </main>
        <IdleDialog />
      </>
    );
  }

  return (
    <div className="page">
      <a className="skip-link" href="#main">
        {t.layout.skipToContent}
      </a>
      <Header operator={site?.operator} pathname={pathname} />
      <main id="main" ref={main} tabIndex={-1} className="main">
        <div className="container">{children}</div>
      </main>
      <Footer site={site} />
      <IdleDialog />
    </div>
  );
}
