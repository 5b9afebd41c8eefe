import { Link } from '../../app/router.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { useI18n } from '../../i18n/I18nProvider.js';

/** How to open an RDP file on each system and how to use all monitors (R16); public, like the user guide. */
export function RdpHelpPage() {
  const { t } = useI18n();
  const h = t.rdpHelp;
  useDocumentTitle(h.title);
  const steps = (items: readonly string[]) => (
    <ol>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ol>
  );
  return (
    <section className="panel" aria-labelledby="rdp-help-title">
      <h1 id="rdp-help-title">{h.title}</h1>
      <p>{h.intro}</p>
      <h2>{h.windowsTitle}</h2>
      {steps(h.windows)}
      <h2>{h.macTitle}</h2>
      {steps(h.mac)}
      <h2>{h.linuxTitle}</h2>
      {steps(h.linux)}
      <h2>{h.monitorsTitle}</h2>
      <ul>
        {h.monitors.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <h2>{h.rulesTitle}</h2>
      <p>{h.rules}</p>
      <h2>{h.troubleTitle}</h2>
      <p>{h.trouble}</p>
      <p>
        <Link to="/desktop">{h.back}</Link>
      </p>
    </section>
  );
}
