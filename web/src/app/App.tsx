import { I18nProvider } from '../i18n/I18nProvider.js';
import { Layout } from '../layout/Layout.js';
import { SiteError, SiteLoading } from '../site/SiteStatus.js';
import { SiteContext, useSiteLoader } from '../site/useSite.js';
import { usePathname } from './router.js';
import { pageFor } from './routes.js';

export function App() {
  const state = useSiteLoader();
  const pathname = usePathname();
  const site = state.status === 'ready' ? state.site : undefined;
  const Page = pageFor(pathname);

  return (
    <I18nProvider siteDefault={site?.defaultLanguage}>
      <Layout site={site} pathname={pathname}>
        {state.status === 'loading' && <SiteLoading />}
        {state.status === 'error' && <SiteError correlationId={state.correlationId} />}
        {site && (
          <SiteContext value={site}>
            <Page />
          </SiteContext>
        )}
      </Layout>
    </I18nProvider>
  );
}
