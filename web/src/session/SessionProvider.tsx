import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { ApiError, onApiEvent } from '../api/client.js';
import { navigate } from '../app/router.js';
import { clockAfterActivity, clockFromServer, type IdleClock, secondsLeft } from './idle.js';
import { type EndedFor, loggedOutPath } from './logged-out.js';
import { type EndReason, extendSession, fetchSession, logOut, type SessionInfo } from './session.js';

type ActiveState = { status: 'active'; info: SessionInfo; clock: IdleClock };

export type SessionState = { status: 'loading' } | { status: 'anonymous' } | ActiveState;

interface SessionControl {
  state: SessionState;
  /** Asks the server again: after login, or when a page wants fresh portal flags. */
  refresh: () => Promise<void>;
  /** "Stay logged in". */
  extend: () => Promise<void>;
  logOut: () => Promise<void>;
}

const SessionContext = createContext<SessionControl | null>(null);
// Its own context, because it changes every second and only the countdown displays need it.
const SecondsLeftContext = createContext<number | undefined>(undefined);

const pollMs = 15_000;

/** The logged-in user's session: loads it, keeps it fresh, counts down to idle logout and ends it. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const current = useRef(state);
  // Each change of the session bumps this, so an answer to an older request cannot undo a newer one.
  const generation = useRef(0);

  const show = useCallback((next: SessionState) => {
    current.current = next;
    setState(next);
  }, []);

  const end = useCallback(
    (reason: EndReason) => {
      const previous = current.current;
      generation.current++;
      // Navigate first, so that no page guard sees the anonymous state and sends the user to /login.
      if (previous.status === 'active')
        navigate(loggedOutPath(endedFor(reason, previous)), { replace: true });
      show({ status: 'anonymous' });
    },
    [show],
  );

  const activate = useCallback(
    (info: SessionInfo) =>
      show({ status: 'active', info, clock: clockFromServer(info.session, performance.now()) }),
    [show],
  );

  const refresh = useCallback(async () => {
    const ticket = ++generation.current;
    const answer = await fetchSession();
    if (ticket !== generation.current) return;
    if (answer.active) activate(answer.info);
    else end(answer.reason);
  }, [activate, end]);

  const extend = useCallback(async () => {
    const ticket = ++generation.current;
    const info = await extendSession();
    if (ticket === generation.current) activate(info);
  }, [activate]);

  const logOutNow = useCallback(async () => {
    try {
      await logOut();
    } catch (error) {
      // Already ended on the server (idle, another tab): the user is logged out either way.
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
    }
    end('logout');
  }, [end]);

  // The first answer decides between anonymous and active;
  // a server that cannot answer leaves the public pages usable.
  useEffect(() => {
    refresh().catch(() => show({ status: 'anonymous' }));
  }, [refresh, show]);

  const active = state.status === 'active';

  // Poll while logged in, and as soon as a hidden tab is shown again:
  // another tab may have extended or ended the session.
  useEffect(() => {
    if (!active) return;
    // A failed poll is simply retried by the next one.
    const poll = () => void refresh().catch(() => undefined);
    const onVisible = () => document.visibilityState === 'visible' && poll();
    const timer = window.setInterval(poll, pollMs);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [active, refresh]);

  useEffect(
    () =>
      onApiEvent((event) => {
        const previous = current.current;
        if (previous.status !== 'active') return;
        if (event === 'session-gone') {
          void refresh().catch(() => undefined);
          return;
        }
        // The clock restarts; a session answer already on its way stays welcome (its other facts are newer).
        show({
          ...previous,
          clock: clockAfterActivity(previous.info.session.idleSeconds, performance.now()),
        });
      }),
    [refresh, show],
  );

  const left = useSecondsLeft(state);

  // At 0 the server has ended the session, unless another tab kept it alive:
  // ask, and end it here if it is gone.
  useEffect(() => {
    if (left === 0) refresh().catch(() => end('idle'));
  }, [left, refresh, end]);

  const control = useMemo(
    () => ({ state, refresh, extend, logOut: logOutNow }),
    [state, refresh, extend, logOutNow],
  );
  return (
    <SessionContext value={control}>
      <SecondsLeftContext value={left}>{children}</SecondsLeftContext>
    </SessionContext>
  );
}

/** What the logged-out page tells about a session that ended for `reason`, a reason the server did not give included. */
function endedFor(reason: EndReason, previous: ActiveState): EndedFor | undefined {
  if (reason === 'country') return 'country';
  const endedIdle = reason === 'idle' || (reason === undefined && timeLeft(previous) === 0);
  return endedIdle ? { idleSeconds: previous.info.session.idleSeconds } : undefined;
}

function timeLeft(state: SessionState): number | undefined {
  return state.status === 'active' ? secondsLeft(state.clock, performance.now()) : undefined;
}

/** Seconds until idle logout, updated as they pass; undefined when not logged in. */
function useSecondsLeft(state: SessionState): number | undefined {
  const [left, setLeft] = useState(() => timeLeft(state));
  useEffect(() => {
    const tick = () => setLeft(timeLeft(state));
    tick();
    if (state.status !== 'active') return;
    // Checked often so that the shown second changes on time; React ignores the unchanged values.
    const timer = window.setInterval(tick, 250);
    return () => window.clearInterval(timer);
  }, [state]);
  return left;
}

export function useSession(): SessionControl {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}

export function useSessionSecondsLeft(): number | undefined {
  return useContext(SecondsLeftContext);
}
