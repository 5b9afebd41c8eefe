import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, navigate } from '../../app/router.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { ErrorAlert } from '../../forms/Alert.js';
import type { Messages } from '../../i18n/en.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import {
  type DesktopStatus,
  durationText,
  fetchDesktopStatus,
  type KeyboardLayout,
  setKeyboardLayout,
} from './desktop-api.js';
import { isLayout, layoutNames, layouts, storedLayout, storeLayout } from './keyboard.js';
import type { ViewerState } from './reconnect.js';
import { useDesktopConnection } from './useDesktopConnection.js';
import { useFullScreen } from './useFullScreen.js';
import './viewer.css';

/**
 * The desktop in the browser, filling the window under a thin toolbar. The root's `data-state` and the
 * `desktop-screen` test id (around noVNC's canvas) are what the end-to-end tests look at.
 */
export function ViewerPage() {
  const { t, language } = useI18n();
  const v = t.viewer;
  const root = useRef<HTMLDivElement>(null);
  const screen = useRef<HTMLDivElement>(null);
  const [layout, setLayout] = useState(() => storedLayout(window.localStorage, language));
  const [keyboardFailed, setKeyboardFailed] = useState(false);

  const sendLayout = useCallback((chosen: KeyboardLayout) => {
    setKeyboardLayout(chosen).then(
      () => setKeyboardFailed(false),
      () => setKeyboardFailed(true),
    );
  }, []);
  // The desktop may have been given another layout elsewhere: each connection gets this browser's.
  const onConnect = useCallback(() => sendLayout(layout), [sendLayout, layout]);
  const { state, error, connect, focus } = useDesktopConnection(screen, onConnect);
  const status = useDesktopStatus(state === 'ended');
  // An ended session has no screen to fill, type into or leave: only the ways on remain.
  const live = state !== 'ended';
  const fullScreen = useFullScreen(root);
  useDocumentTitle(state === 'connected' ? t.desktop.title : `${t.viewerState[state]} – ${t.desktop.title}`);

  function chooseLayout(value: string) {
    if (!isLayout(value)) return;
    setLayout(value);
    storeLayout(window.localStorage, value);
    if (state === 'connected') {
      sendLayout(value);
      focus();
    }
  }

  return (
    <div ref={root} className="viewer" data-state={state}>
      <div className="viewer__bar">
        <h1 className="visually-hidden">{t.desktop.title}</h1>
        <span className="viewer__status" role="status">
          {keyboardFailed ? `${t.viewerState[state]}. ${v.keyboardFailed}` : t.viewerState[state]}
        </span>
        {live && fullScreen.available && (
          <button
            type="button"
            className="viewer__button"
            onClick={() => {
              fullScreen.toggle();
              focus();
            }}
          >
            {fullScreen.on ? v.exitFullScreen : v.fullScreen}
          </button>
        )}
        {live && (
          <>
            <label className="viewer__keyboard">
              {v.keyboard}
              <select value={layout} onChange={(event) => chooseLayout(event.target.value)}>
                {layouts.map((option) => (
                  <option key={option} value={option}>
                    {layoutNames[option]}
                  </option>
                ))}
              </select>
            </label>
            {/* Leaving the page closes the connection; the session keeps running. */}
            <button type="button" className="viewer__button" onClick={() => navigate('/desktop')}>
              {v.disconnect}
            </button>
          </>
        )}
      </div>
      <div className="viewer__stage">
        <div ref={screen} className="viewer__screen" data-testid="desktop-screen" />
        {state !== 'connected' && (
          // Keyed by state, so that each new message takes the focus anew.
          <Overlay key={state} state={state} error={error} status={status} onConnect={connect} />
        )}
      </div>
    </div>
  );
}

interface OverlayProps {
  state: Exclude<ViewerState, 'connected'>;
  error: unknown;
  status: DesktopStatus | undefined;
  onConnect: () => void;
}

/** Why the session ended, as the platform recorded it; a general text until that is known. */
function endedText(status: DesktopStatus | undefined, t: Messages): string {
  const because = t.viewer.endedBecause;
  const reason = status?.lastEnded?.reason;
  if (status === undefined || reason === undefined) return because.other;
  if (reason === 'disconnected-limit')
    return because[reason](durationText(status.limits.disconnectedSeconds, t.units));
  return because[reason];
}

/** Over the screen while it is not connected: what happened, and the way on. */
function Overlay({ state, error, status, onConnect }: OverlayProps) {
  const { t } = useI18n();
  const v = t.viewer;
  const action = useRef<HTMLButtonElement>(null);

  // The canvas that had the keyboard is gone: put it on the way on.
  useEffect(() => {
    action.current?.focus();
  }, []);

  if (state === 'connecting' || state === 'reconnecting') {
    return (
      <div className="viewer__overlay">
        <p className="viewer__waiting">{t.viewerState[state]}</p>
      </div>
    );
  }
  const idleSeconds = status?.limits.idleSeconds;
  const message = {
    'idle-closed': v.idleClosed(idleSeconds === undefined ? undefined : durationText(idleSeconds, t.units)),
    ended: endedText(status, t),
    failed: v.failed,
  }[state];
  return (
    <div className="viewer__overlay">
      <div className="viewer__message">
        {state === 'failed' && error !== undefined ? <ErrorAlert error={error} /> : <p>{message}</p>}
        <div className="viewer__actions">
          <button ref={action} type="button" className="button" onClick={onConnect}>
            {state === 'ended' ? v.startNew : v.reconnect}
          </button>
          {state === 'ended' ? (
            <Link to="/portal">{v.backToPortal}</Link>
          ) : (
            <Link to="/desktop">{v.backToDesktop}</Link>
          )}
        </div>
      </div>
    </div>
  );
}

/**
 * The desktop's status: its limits, for the messages after an idle close or the disconnected limit,
 * and, once the session has ended, why. Asked for on opening, and again when the session ends.
 */
function useDesktopStatus(ended: boolean): DesktopStatus | undefined {
  const [status, setStatus] = useState<DesktopStatus>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again when the session ends.
  useEffect(() => {
    let shown = true;
    // Without it the messages leave out the number, or the reason.
    fetchDesktopStatus().then(
      (loaded) => shown && setStatus(loaded),
      () => undefined,
    );
    return () => {
      shown = false;
    };
  }, [ended]);
  return status;
}
