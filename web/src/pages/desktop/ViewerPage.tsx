import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, navigate } from '../../app/router.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { ErrorAlert } from '../../forms/Alert.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { durationText, fetchDesktopStatus, type KeyboardLayout, setKeyboardLayout } from './desktop-api.js';
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
  const idleSeconds = useIdleSeconds();

  const sendLayout = useCallback((chosen: KeyboardLayout) => {
    setKeyboardLayout(chosen).then(
      () => setKeyboardFailed(false),
      () => setKeyboardFailed(true),
    );
  }, []);
  // The desktop may have been given another layout elsewhere: each connection gets this browser's.
  const onConnect = useCallback(() => sendLayout(layout), [sendLayout, layout]);
  const { state, error, connect, focus } = useDesktopConnection(screen, onConnect);
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
        {fullScreen.available && (
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
      </div>
      <div className="viewer__stage">
        <div ref={screen} className="viewer__screen" data-testid="desktop-screen" />
        {state !== 'connected' && (
          // Keyed by state, so that each new message takes the focus anew.
          <Overlay key={state} state={state} error={error} idleSeconds={idleSeconds} onConnect={connect} />
        )}
      </div>
    </div>
  );
}

interface OverlayProps {
  state: Exclude<ViewerState, 'connected'>;
  error: unknown;
  idleSeconds: number | undefined;
  onConnect: () => void;
}

/** Over the screen while it is not connected: what happened, and the way on. */
function Overlay({ state, error, idleSeconds, onConnect }: OverlayProps) {
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
  const message = {
    'idle-closed': v.idleClosed(idleSeconds === undefined ? undefined : durationText(idleSeconds, t.units)),
    ended: v.ended,
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
          <Link to="/desktop">{v.backToDesktop}</Link>
        </div>
      </div>
    </div>
  );
}

/** The desktop's idle period, for the message after an idle close; undefined until known. */
function useIdleSeconds(): number | undefined {
  const [seconds, setSeconds] = useState<number>();
  useEffect(() => {
    // Without it the message leaves the number out.
    fetchDesktopStatus().then(
      (status) => setSeconds(status.limits.idleSeconds),
      () => undefined,
    );
  }, []);
  return seconds;
}
