import type { DesktopSpec } from '../agent-api/desktop-spec.js';

// The user's name inside a desktop. On the host a mona account is "m-anna_berg" (unix-accounts.ts: it must
// not collide with the host's own accounts); inside, the desktop has an /etc/passwd and /etc/group of its own,
// so that whoami, ls -l and the shell's prompt say the login name the user knows, "anna.berg".

/** The host's accounts and groups that every desktop keeps: the system's, and nobody's. */
function isSystemId(id: number): boolean {
  return id < 1000 || id === 65534;
}

interface Entry {
  name: string;
  id: number;
  line: string;
}

/** The lines of a passwd or group file with a numeric third field (the id); others are left out. */
function entries(file: string): Entry[] {
  return file.split('\n').flatMap((line) => {
    const [name, , id] = line.split(':');
    const number = Number(id);
    return name && id && Number.isInteger(number) ? [{ name, id: number, line }] : [];
  });
}

/**
 * The user's name inside the desktop: the login name, unless a system account or group of the host already
 * has it (a mona user called "daemon" stays "m-daemon"). The welcome window says so when it differs.
 */
export function desktopUserName(
  spec: Pick<DesktopSpec, 'username' | 'unixUser'>,
  host: { passwd: string; group: string },
): string {
  const taken = [...entries(host.passwd), ...entries(host.group)].some(
    (entry) => isSystemId(entry.id) && entry.name === spec.username,
  );
  return taken ? spec.unixUser : spec.username;
}

/** The desktop's /etc/passwd: the host's system accounts and the user, whose home is My Documents. */
export function desktopPasswd(
  hostPasswd: string,
  user: { name: string; uid: number; gid: number; home: string },
): string {
  const system = entries(hostPasswd).filter((entry) => isSystemId(entry.id) && entry.name !== user.name);
  const own = [user.name, 'x', user.uid, user.gid, 'MONA', user.home, '/bin/bash'].join(':');
  return `${[...system.map((entry) => entry.line), own].join('\n')}\n`;
}

/**
 * The desktop's /etc/group: the host's system groups, the user's own group under the user's name, and each
 * project's group ("mona-p0001") with the user as its member, as the user's supplementary groups are.
 */
export function desktopGroup(
  hostGroup: string,
  user: { name: string; gid: number },
  groups: DesktopSpec['groups'],
): string {
  const system = entries(hostGroup).filter((entry) => isSystemId(entry.id) && entry.name !== user.name);
  const own = `${user.name}:x:${user.gid}:`;
  const projects = groups.map((group) => `${group.name}:x:${group.gid}:${user.name}`);
  return `${[...system.map((entry) => entry.line), own, ...projects].join('\n')}\n`;
}
