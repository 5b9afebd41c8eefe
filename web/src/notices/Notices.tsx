import { useEffect, useState } from 'react';
import { formatDateTime } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { fetchNotices, type Notice } from './notices.js';
import './notices.css';

/** Notices on the start page and in the portal: maintenance windows and other messages. Nothing when there are none. */
export function Notices() {
  const { t, language } = useI18n();
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(() => {
    let shown = true;
    // Without notices the page simply has none to show; a failed fetch is no reason to alarm anyone.
    fetchNotices().then(
      (found) => shown && setNotices(found),
      () => undefined,
    );
    return () => {
      shown = false;
    };
  }, []);
  if (notices.length === 0) return null;
  return (
    <section className="notices" aria-labelledby="notices-heading">
      <h2 id="notices-heading">{t.notices.heading}</h2>
      <ul>
        {notices.map((notice) => (
          <li
            key={notice.id}
            className={notice.closure ? 'notices__item notices__item--closure' : 'notices__item'}
          >
            <p>{language === 'sv' ? notice.sv : notice.en}</p>
            {notice.closure && (
              <p className="notices__closure">
                {t.notices.closure(
                  formatDateTime(notice.closure.from, language),
                  formatDateTime(notice.closure.until, language),
                )}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
