import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from '../../app/router.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { Alert, ErrorAlert } from '../../forms/Alert.js';
import { ConfirmDialog } from '../../forms/ConfirmDialog.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useActiveSession } from '../../session/RequireSession.js';
import {
  type DesktopStatus,
  downloadRdpFile,
  durationText,
  endDesktop,
  fetchDesktopStatus,
} from './desktop-api.js';
import { SessionState } from './SessionState.js';
import './desktop.css';

const pollMs = 10_000;

/** The user's desktop session (R25, R26): its state, the way into it, and ending it. */
export function DesktopPage() {
  const { t } = useI18n();
  const d = t.desktop;
  const { portal } = useActiveSession();
  useDocumentTitle(d.title);
  const { status, error, load } = useDesktopStatus();
  const [confirming, setConfirming] = useState(false);
  const [endError, setEndError] = useState<unknown>();
  const [endedNow, setEndedNow] = useState(false);
  const outcome = useRef<HTMLDivElement>(null);
  const rdp = useRdpDownload(load);

  async function end() {
    setEndError(undefined);
    try {
      await endDesktop();
      setEndedNow(true);
      await load();
    } catch (caught) {
      setEndError(caught);
    }
  }

  function closed(confirmed: boolean) {
    setConfirming(false);
    // The button that opened the dialog is gone once the session has ended: start again at the outcome.
    if (confirmed) outcome.current?.focus();
  }

  const shownError = endError ?? rdp.error ?? error;
  return (
    <section className="desktop" aria-labelledby="desktop-title">
      <h1 id="desktop-title">{d.title}</h1>
      <div ref={outcome} tabIndex={-1} className="desktop__outcome">
        {shownError !== undefined && <ErrorAlert error={shownError} />}
        {rdp.downloaded && status?.rdpFile && (
          <Alert kind="success">
            <p>{d.rdpDownloaded(rdp.downloaded, durationText(status.rdpFile.validSeconds, t.units))}</p>
          </Alert>
        )}
        {endedNow && !status?.session && (
          <Alert kind="success">
            <p>{d.ended}</p>
          </Alert>
        )}
      </div>
      {!status && error === undefined && (
        <p className="muted" role="status">
          {d.loading}
        </p>
      )}
      {status && !status.allowed && (
        <Alert kind="info">
          {/* The portal's own words: accepted in this session, only a new login opens it (R10, R14). */}
          <p>{portal.termsAccepted ? t.portal.remoteDesktopAfterLogin : t.portal.remoteDesktopHidden}</p>
        </Alert>
      )}
      {status?.allowed && (
        <div className="panel desktop__panel">
          <SessionState session={status.session} />
          <p className="muted">
            {d.limits(
              durationText(status.limits.idleSeconds, t.units),
              durationText(status.limits.disconnectedSeconds, t.units),
            )}
          </p>
          {status.available ? (
            <div className="desktop__actions">
              <Link to="/desktop/view" className="button">
                {d.openInBrowser}
              </Link>
              {status.rdpFile && (
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={rdp.busy}
                  onClick={() => void rdp.download()}
                >
                  {rdp.busy ? d.downloadingRdp : d.downloadRdp}
                </button>
              )}
              {status.session && (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setConfirming(true)}
                >
                  {d.endSession}
                </button>
              )}
            </div>
          ) : (
            <Alert kind="info">
              <p>{d.unavailable}</p>
            </Alert>
          )}
          {status.available && !status.rdpFile && <p className="muted">{d.rdpUnavailable}</p>}
          <p>
            <Link to="/help/rdp">{d.rdpHelp}</Link>
          </p>
        </div>
      )}
      <p>
        <Link to="/portal">{d.backToPortal}</Link>
      </p>
      {confirming && (
        <ConfirmDialog
          title={d.confirmEndTitle}
          confirmLabel={d.confirmEnd}
          cancelLabel={d.cancel}
          onConfirm={end}
          onClosed={closed}
        >
          <p>{d.confirmEndText}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** The status, asked again every few seconds: the session starts, connects and ends elsewhere too. */
function useDesktopStatus() {
  const [status, setStatus] = useState<DesktopStatus>();
  const [error, setError] = useState<unknown>();
  const latest = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const loaded = await fetchDesktopStatus();
      if (ticket !== latest.current) return;
      setStatus(loaded);
      setError(undefined);
    } catch (caught) {
      if (ticket === latest.current) setError(caught);
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), pollMs);
    return () => window.clearInterval(timer);
  }, [load]);

  return { status, error, load };
}

/** The RDP file's download: one at a time, then what became of it. */
function useRdpDownload(reload: () => Promise<void>) {
  const { language } = useI18n();
  const [busy, setBusy] = useState(false);
  const [downloaded, setDownloaded] = useState<string>();
  const [error, setError] = useState<unknown>();

  async function download() {
    setBusy(true);
    setError(undefined);
    setDownloaded(undefined);
    try {
      setDownloaded(await downloadRdpFile(language));
      await reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return { busy, downloaded, error, download };
}
