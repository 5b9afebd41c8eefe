import { I18nProvider } from '../i18n/I18nProvider.js';
import { Layout } from '../layout/Layout.js';
import { RequireSession } from '../session/RequireSession.js';
import { SessionProvider } from '../session/SessionProvider.js';
import { SiteError, SiteLoading } from '../site/SiteStatus.js';
import { SiteContext, useSiteLoader } from '../site/useSite.js';
import { usePathname } from './router.js';
import { routeFor } from './routes.js';

export function App() {
  const state = useSiteLoader();
  const pathname = usePathname();
  const site = state.status === 'ready' ? state.site : undefined;
  const { page: Page, access, fullWindow = false } = routeFor(pathname);

  return (
    <I18nProvider siteDefault={site?.defaultLanguage}>
      <SessionProvider>
        <Layout site={site} pathname={pathname} fullWindow={fullWindow}>
          {state.status === 'loading' && <SiteLoading />}
          {state.status === 'error' && <SiteError correlationId={state.correlationId} />}
          {site && (
            <SiteContext value={site}>
              {access ? (
                <RequireSession access={access}>
                  <Page />
                </RequireSession>
              ) : (
                <Page />
              )}
            </SiteContext>
          )}
        </Layout>
      </SessionProvider>
    </I18nProvider>
  );
}
