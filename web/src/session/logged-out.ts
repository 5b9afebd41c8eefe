// The logged-out page learns from its address why the session ended, so a reload keeps the message.
const idleParameter = 'idle';
const endedParameter = 'ended';

/** Why a session ended, when the logged-out page has more to tell than that it did. */
export type EndedFor = { idleSeconds: number } | 'country';

/** Where to go when a session has ended: for inactivity (with the idle period), for the country, or plainly. */
export function loggedOutPath(endedFor?: EndedFor): string {
  if (endedFor === undefined) return '/logged-out';
  if (endedFor === 'country') return `/logged-out?${endedParameter}=country`;
  return `/logged-out?${idleParameter}=${endedFor.idleSeconds}`;
}

/** Why the session ended, from the logged-out page's query string; undefined for a plain logout. */
export function endedForFrom(search: string): EndedFor | undefined {
  const query = new URLSearchParams(search);
  if (query.get(endedParameter) === 'country') return 'country';
  const idle = query.get(idleParameter);
  if (idle === null || !/^[1-9]\d{0,5}$/.test(idle)) return undefined;
  return { idleSeconds: Number(idle) };
}
