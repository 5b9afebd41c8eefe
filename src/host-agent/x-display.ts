const FIRST_DISPLAY = 20;
const LAST_DISPLAY = 999;

/**
 * The first display from :20 up not in `taken`. Each desktop's X socket is in its own /tmp, so numbers could
 * repeat; they stay unique on a host so that a display names one desktop in logs and tests.
 */
export function freeDisplay(taken: Set<number>): number {
  for (let display = FIRST_DISPLAY; display <= LAST_DISPLAY; display++) {
    if (!taken.has(display)) return display;
  }
  throw new Error(`no free X display between :${FIRST_DISPLAY} and :${LAST_DISPLAY}`);
}

/** The display's X socket, as the session's programs see it (in the session's private /tmp). */
export function displaySocket(display: number): string {
  return `/tmp/.X11-unix/X${display}`;
}

/** The same socket seen from the host, through the root of a process of the session. */
export function displaySocketOf(pid: number, display: number): string {
  return `/proc/${pid}/root${displaySocket(display)}`;
}
