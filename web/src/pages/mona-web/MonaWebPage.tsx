import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { type Tab, Tabs } from './Tabs.js';
import { TermsTab } from './TermsTab.js';
import './mona-web.css';

/** MONA web: one tab per section. My files, Downloads, Metadata and My account join Terms of use here. */
export function MonaWebPage() {
  const { t } = useI18n();
  useDocumentTitle(t.monaWeb.title);
  const tabs: Tab[] = [{ id: 'terms', label: t.monaWeb.termsTab, panel: () => <TermsTab /> }];
  return (
    <div className="mona-web">
      <h1>{t.monaWeb.title}</h1>
      <Tabs label={t.monaWeb.sections} tabs={tabs} />
    </div>
  );
}
