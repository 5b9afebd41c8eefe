import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../forms/Alert.js';
import { formatBytes } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { type Download, fetchDownloads } from './downloads.js';

/** R24: files exported with "Export files from MONA", once reviewed. */
export function DownloadsTab() {
  const { t, language } = useI18n();
  const [downloads, setDownloads] = useState<Download[]>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    fetchDownloads().then(setDownloads, setError);
  }, []);

  return (
    <>
      <p>{t.downloads.intro}</p>
      {error !== undefined && <ErrorAlert error={error} />}
      {error === undefined && !downloads && (
        <p className="muted" role="status">
          {t.downloads.loading}
        </p>
      )}
      {downloads?.length === 0 && <p className="muted">{t.downloads.empty}</p>}
      {downloads && downloads.length > 0 && (
        <ul className="download-list">
          {downloads.map((download) => (
            <li key={download.id}>
              {download.name}
              {download.bytes !== null && (
                <span className="muted"> ({formatBytes(download.bytes, language)})</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
