import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { type CatalogueEntry, fetchCatalogue } from './software.js';

/** The description in the reader's language, or else in the other one, marked as such for screen readers. */
function Description({ text }: { text: CatalogueEntry['description'] }) {
  const { language } = useI18n();
  const other = language === 'sv' ? 'en' : 'sv';
  if (text[language] !== '' || text[other] === '') return text[language];
  return <span lang={other}>{text[other]}</span>;
}

/** The software a project may order for its desktops (R19); nothing while there is none to show. */
export function SoftwareCatalogue() {
  const { t } = useI18n();
  const [entries, setEntries] = useState<CatalogueEntry[]>([]);
  useEffect(() => {
    let shown = true;
    fetchCatalogue().then(
      (found) => shown && setEntries(found),
      () => undefined,
    );
    return () => {
      shown = false;
    };
  }, []);
  if (entries.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="software-title">
      <h2 id="software-title">{t.software.title}</h2>
      <p>{t.software.intro}</p>
      <ul>
        {entries.map((entry) => (
          <li key={entry.id}>
            <strong>{entry.name}</strong>: <Description text={entry.description} />{' '}
            {entry.seats !== null && <span className="muted">({t.software.seats(entry.seats)})</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
