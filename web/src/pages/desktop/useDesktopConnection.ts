import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.js';
import { resyncEveryMs } from '../../session/idle.js';
import { useActiveSession } from '../../session/RequireSession.js';
import { useSession } from '../../session/SessionProvider.js';
import { DesktopClient } from './desktop-client.js';
import type { ViewerState } from './reconnect.js';

interface DesktopConnection {
  state: ViewerState;
  /** Why the connection failed, when a call said so. */
  error: unknown;
  connect: () => void;
  focus: () => void;
}

/** Connects to the desktop in `screen` while the page is shown; leaving the page closes the connection. */
export function useDesktopConnection(
  screen: RefObject<HTMLElement | null>,
  onConnect: () => void,
): DesktopConnection {
  const [status, setStatus] = useState<{ state: ViewerState; error?: unknown }>({ state: 'connecting' });
  const client = useRef<DesktopClient>(undefined);
  const connected = useRef(onConnect);
  const { language } = useI18n();
  const chosenLanguage = useRef(language);

  useEffect(() => {
    connected.current = onConnect;
    chosenLanguage.current = language;
  }, [onConnect, language]);

  useEffect(() => {
    const target = screen.current;
    if (!target) return;
    const desktop = new DesktopClient(
      target,
      (state, error) => setStatus({ state, error }),
      () => connected.current(),
      () => chosenLanguage.current,
    );
    client.current = desktop;
    desktop.connect();
    return () => desktop.close();
  }, [screen]);

  useSessionKeptInSync(status.state === 'connected');

  const connect = useCallback(() => client.current?.connect(), []);
  const focus = useCallback(() => client.current?.focus(), []);
  return { state: status.state, error: status.error, connect, focus };
}

/**
 * While the desktop is connected the server keeps the portal session alive (R30), but this page's
 * idle countdown only hears of it by asking: ask often enough that it never reaches the warning.
 */
function useSessionKeptInSync(connected: boolean): void {
  const { refresh } = useSession();
  const { idleSeconds, warningSeconds } = useActiveSession().session;

  useEffect(() => {
    if (!connected) return;
    // A failed ask is simply made again by the next one.
    const timer = window.setInterval(
      () => void refresh().catch(() => undefined),
      resyncEveryMs(idleSeconds, warningSeconds),
    );
    return () => window.clearInterval(timer);
  }, [connected, idleSeconds, warningSeconds, refresh]);
}
