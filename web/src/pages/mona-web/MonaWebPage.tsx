import { useSearch } from '../../app/router.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useActiveSession } from '../../session/RequireSession.js';
import { AccountTab } from './AccountTab.js';
import { DownloadsTab } from './DownloadsTab.js';
import { MyFilesTab } from './MyFilesTab.js';
import { type Tab, Tabs } from './Tabs.js';
import { TermsTab } from './TermsTab.js';
import './mona-web.css';

/** The tab asked for in the address (`/web?tab=account`), kept there so that a reload stays on it. */
function tabInAddress(search: string): string | undefined {
  return new URLSearchParams(search).get('tab') ?? undefined;
}

function keepInAddress(id: string): void {
  const url = new URL(window.location.href);
  url.searchParams.set('tab', id);
  // Not a navigation: the page stays, and Back leaves MONA web rather than stepping through tabs.
  window.history.replaceState(window.history.state, '', url);
}

/** MONA web: one tab per section (R14). A user who has not accepted the terms in force starts there. */
export function MonaWebPage() {
  const { t } = useI18n();
  const { portal } = useActiveSession();
  const search = useSearch();
  useDocumentTitle(t.monaWeb.title);
  const tabs: Tab[] = [
    { id: 'files', label: t.monaWeb.filesTab, panel: () => <MyFilesTab /> },
    { id: 'downloads', label: t.monaWeb.downloadsTab, panel: () => <DownloadsTab /> },
    { id: 'terms', label: t.monaWeb.termsTab, panel: () => <TermsTab /> },
    { id: 'account', label: t.monaWeb.accountTab, panel: () => <AccountTab /> },
  ];
  const initial = tabInAddress(search) ?? (portal.termsAccepted ? 'files' : 'terms');
  return (
    <div className="mona-web">
      <h1>{t.monaWeb.title}</h1>
      <Tabs label={t.monaWeb.sections} tabs={tabs} initial={initial} onSelect={keepInAddress} />
    </div>
  );
}
