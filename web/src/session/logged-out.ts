// The logged-out page learns from its address why the session ended, so a reload keeps the message.
const idleParameter = 'idle';

/** Where to go when a session has ended; with the idle period when it ended for inactivity. */
export function loggedOutPath(idleSeconds?: number): string {
  return idleSeconds === undefined ? '/logged-out' : `/logged-out?${idleParameter}=${idleSeconds}`;
}

/** The idle period in seconds from the logged-out page's query string, if it ended for inactivity. */
export function idleSecondsFrom(search: string): number | undefined {
  const value = new URLSearchParams(search).get(idleParameter);
  if (value === null || !/^[1-9]\d{0,5}$/.test(value)) return undefined;
  return Number(value);
}
