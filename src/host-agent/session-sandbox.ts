import { lstatSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Where the user's projects are inside a desktop: `/projects/<ID>`, holding `<ID>_Data` and `<ID>_Gem`. */
export const SANDBOX_PROJECTS = '/projects';

/** My Documents inside a desktop, also its HOME: named as the user knows it, in a folder named after the user. */
export function sandboxHome(userName: string): string {
  return `/home/${userName}/My Documents`;
}

export function sandboxProjectFolder(projectId: string): string {
  return join(SANDBOX_PROJECTS, projectId);
}

/** What a desktop sees of the host besides the system's programs; host paths. */
export interface SandboxMounts {
  /** The user's name inside the desktop (session-identity.ts). */
  userName: string;
  /** Bound at `sandboxHome(userName)`. */
  myDocuments: string;
  /** The desktop's own /etc/passwd and /etc/group, which name the user so (root's files, read-only). */
  identity: { passwd: string; group: string };
  /** The vault's projects folder, bound at `/projects`: not listable, each project its members' only. */
  projectsRoot: string;
  /** Bound at the same path, writable: the session's runtime dir and its control socket's folder. */
  sessionDirs: string[];
  /** Bound at the same path, read-only: the platform's scripts and guides for the desktop. */
  readOnly: string[];
}

/** What a host path is, for deciding how to show it: a folder, a symbolic link (to where), or nothing. */
export type PathKind = { folder: true } | { linkTo: string } | null;

/** Of the host's root, only the system's programs and configuration, read-only; merged-/usr links stay links. */
const SYSTEM = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/etc', '/opt'];
// Built by fc-cache at install time.
const FONT_CACHE = '/var/cache/fontconfig';
// mona's own configuration and secrets: none of the desktop's business, whatever their modes.
const HIDDEN = ['/etc/mona'];

/**
 * bubblewrap's arguments for a desktop's first process: new mount, PID, IPC and network namespaces, with a
 * root of its own holding only what the session needs. /tmp, /dev/shm, /run and /var/tmp are fresh and the
 * session's alone (and its X socket with them); /proc shows only the session's processes.
 */
export function sandboxArguments(mounts: SandboxMounts, kindOf: (path: string) => PathKind = hostPathKind) {
  const home = sandboxHome(mounts.userName);
  const system = SYSTEM.flatMap((path) => {
    const kind = kindOf(path);
    if (!kind) return [];
    return 'linkTo' in kind ? ['--symlink', kind.linkTo, path] : ['--ro-bind', path, path];
  });
  // Behind folders the user can pass: otherwise each program of each desktop scans every font again.
  const fontCache = isFolder(kindOf(FONT_CACHE)) ? bind('--ro-bind', [[FONT_CACHE, FONT_CACHE]]) : [];
  return [
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-net',
    // Only what setpriv needs to become the user; bwrap's init, pid 1 in there, keeps none at all.
    ...['--cap-drop', 'ALL'],
    ...['--cap-add', 'CAP_SETUID', '--cap-add', 'CAP_SETGID', '--cap-add', 'CAP_SETPCAP'],
    ...system,
    ...fontCache,
    ...HIDDEN.filter((path) => isFolder(kindOf(path))).flatMap((path) => ['--tmpfs', path]),
    ...['--ro-bind', mounts.identity.passwd, '/etc/passwd'],
    ...['--ro-bind', mounts.identity.group, '/etc/group'],
    '--dev',
    '/dev',
    ...['--perms', '1777', '--tmpfs', '/dev/shm'],
    ...['--proc', '/proc'],
    ...['--perms', '1777', '--tmpfs', '/tmp'],
    // Root's, so that the user's Xvnc finds it as X expects and does not make it its own.
    ...['--perms', '1777', '--dir', '/tmp/.X11-unix'],
    ...['--perms', '1777', '--tmpfs', '/var/tmp'],
    ...['--tmpfs', '/run'],
    ...bind(
      '--bind',
      mounts.sessionDirs.map((path) => [path, path]),
    ),
    ...bind(
      '--ro-bind',
      mounts.readOnly.map((path) => [path, path]),
    ),
    ...bind('--bind', [
      [mounts.myDocuments, home],
      [mounts.projectsRoot, SANDBOX_PROJECTS],
    ]),
  ];
}

/** Binds, each after the folders leading to it: bwrap would make those root's alone (0700), closed to the user. */
function bind(how: '--bind' | '--ro-bind', pairs: string[][]): string[] {
  return pairs.flatMap(([source, target]) => {
    const leading = ancestors(target as string).flatMap((folder) => ['--perms', '0755', '--dir', folder]);
    return [...leading, how, source as string, target as string];
  });
}

/** `/a/b/c` → `/a`, `/a/b`. */
function ancestors(path: string): string[] {
  const parts = path.split('/').filter(Boolean).slice(0, -1);
  return parts.map((_, index) => `/${parts.slice(0, index + 1).join('/')}`);
}

/** nsenter's arguments for joining a desktop's namespaces and root, those of its process `pid`. */
export function joinArguments(pid: number): string[] {
  return [`--target=${pid}`, '--mount', '--ipc', '--net', '--pid', '--root'];
}

function isFolder(kind: PathKind): boolean {
  return kind !== null && 'folder' in kind;
}

function hostPathKind(path: string): PathKind {
  const info = (() => {
    try {
      return lstatSync(path);
    } catch {
      return null;
    }
  })();
  if (info?.isSymbolicLink()) return { linkTo: readlinkSync(path) };
  return info?.isDirectory() ? { folder: true } : null;
}
