import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { Notices } from '../../notices/Notices.js';
import { ContactList } from '../../site/ContactList.js';
import { useSite } from '../../site/useSite.js';
import { SoftwareCatalogue } from '../../software/SoftwareCatalogue.js';
import './start.css';

/** The public start page: what MONA is, where it may be used from, and where to get help. */
export function StartPage() {
  const { t } = useI18n();
  const { operator } = useSite();
  useDocumentTitle(t.start.title);

  const steps = [
    { title: t.start.projectsTitle, text: t.start.projectsText(operator.name) },
    { title: t.start.desktopTitle, text: t.start.desktopText },
    { title: t.start.dataTitle, text: t.start.dataText },
  ];

  return (
    <div className="start">
      <Notices />
      <section className="start__intro" aria-labelledby="start-title">
        <p className="start__eyebrow">{t.layout.productTagline}</p>
        <h1 id="start-title">{t.start.title}</h1>
        <p className="start__lead">{t.start.lead(operator.name)}</p>
      </section>

      <section aria-labelledby="how-title">
        <h2 id="how-title">{t.start.howTitle}</h2>
        <ol className="start__steps">
          {steps.map((step) => (
            <li key={step.title} className="panel">
              <h3>{step.title}</h3>
              <p>{step.text}</p>
            </li>
          ))}
        </ol>
      </section>

      <section className="panel panel--notice" aria-labelledby="where-title">
        <h2 id="where-title">{t.start.whereTitle}</h2>
        <p>{t.start.whereText}</p>
        <ul>
          <li>{t.start.whereNotUsaCanada}</li>
          <li>{t.start.whereNoVpn}</li>
        </ul>
        <p>{t.start.whereUnsure}</p>
      </section>

      <SoftwareCatalogue />

      <section className="panel" aria-labelledby="help-title">
        <h2 id="help-title">{t.start.helpTitle}</h2>
        <p>{t.start.helpText(operator.name)}</p>
        <ContactList operator={operator} />
      </section>
    </div>
  );
}
