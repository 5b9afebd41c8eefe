import { describe, expect, it } from 'vitest';
import { joinArguments, type PathKind, sandboxArguments } from './session-sandbox.js';

// A Debian host with merged /usr, /opt and mona's configuration, and no /lib32 or /libx32.
const HOST: Record<string, PathKind> = {
  '/usr': { folder: true },
  '/bin': { linkTo: 'usr/bin' },
  '/sbin': { linkTo: 'usr/sbin' },
  '/lib': { linkTo: 'usr/lib' },
  '/lib64': { linkTo: 'usr/lib64' },
  '/etc': { folder: true },
  '/etc/mona': { folder: true },
  '/opt': { folder: true },
  '/var/cache/fontconfig': { folder: true },
};

const mounts = {
  userName: 'anna.berg',
  myDocuments: '/srv/mona/vault/home/anna/My Documents',
  identity: { passwd: '/run/mona/sessions/s1.control/passwd', group: '/run/mona/sessions/s1.control/group' },
  projectsRoot: '/srv/mona/vault/projects',
  sessionDirs: ['/run/mona/sessions/s1', '/run/mona/sessions/s1.control'],
  readOnly: ['/usr/lib/mona/session-host', '/usr/lib/mona/docs/user-guide.md'],
};

const args = sandboxArguments(mounts, (path) => HOST[path] ?? null);

/** The operations as bwrap reads them: each option with its operands. */
function operations(words: string[]): string[][] {
  const operands: Record<string, number> = {
    '--ro-bind': 2,
    '--bind': 2,
    '--symlink': 2,
    '--tmpfs': 1,
    '--dir': 1,
    '--dev': 1,
    '--proc': 1,
    '--perms': 1,
    '--cap-drop': 1,
    '--cap-add': 1,
  };
  const found: string[][] = [];
  for (let index = 0; index < words.length; ) {
    const option = words[index] as string;
    const count = operands[option] ?? 0;
    found.push(words.slice(index, index + 1 + count));
    index += 1 + count;
  }
  return found;
}

const ops = operations(args);
const targets = (option: string) => ops.filter(([name]) => name === option).map((op) => op.at(-1));

describe('sandboxArguments', () => {
  it('gives the desktop namespaces of its own for processes, IPC and the network', () => {
    expect(args).toEqual(expect.arrayContaining(['--unshare-pid', '--unshare-ipc', '--unshare-net']));
    // Not the user namespace: the host's uids and project groups must hold in there as outside.
    expect(args).not.toContain('--unshare-user');
    expect(args).not.toContain('--unshare-all');
  });

  it("shows the system's programs read-only, links as links, and hides mona's configuration", () => {
    expect(targets('--ro-bind')).toEqual(
      expect.arrayContaining(['/usr', '/etc', '/opt', '/var/cache/fontconfig']),
    );
    expect(ops).toContainEqual(['--symlink', 'usr/bin', '/bin']);
    expect(ops).toContainEqual(['--symlink', 'usr/lib64', '/lib64']);
    expect(args).not.toContain('/lib32');
    expect(ops).toContainEqual(['--tmpfs', '/etc/mona']);
  });

  it("names the user in the desktop's own /etc/passwd and /etc/group, bound over the host's", () => {
    const etcAt = ops.findIndex((op) => op[0] === '--ro-bind' && op[2] === '/etc');
    const passwdAt = ops.findIndex((op) => op[0] === '--ro-bind' && op[2] === '/etc/passwd');
    expect(ops[passwdAt]).toEqual(['--ro-bind', mounts.identity.passwd, '/etc/passwd']);
    expect(ops).toContainEqual(['--ro-bind', mounts.identity.group, '/etc/group']);
    expect(passwdAt).toBeGreaterThan(etcAt);
  });

  it("lets the user reach the host's font cache, so that no program of the desktop scans the fonts again", () => {
    const bindAt = ops.findIndex((op) => op[0] === '--ro-bind' && op[2] === '/var/cache/fontconfig');
    for (const parent of ['/var', '/var/cache']) {
      const at = ops.findIndex((op) => op[0] === '--dir' && op[1] === parent);
      expect(at).toBeGreaterThan(0);
      expect(at).toBeLessThan(bindAt);
      expect(ops[at - 1]).toEqual(['--perms', '0755']);
    }
  });

  it('makes /tmp, /dev/shm, /var/tmp and /run fresh, the shared ones open to all but sticky', () => {
    for (const path of ['/tmp', '/dev/shm', '/var/tmp']) {
      const at = ops.findIndex((op) => op[0] === '--tmpfs' && op[1] === path);
      expect(ops[at - 1]).toEqual(['--perms', '1777']);
    }
    expect(ops).toContainEqual(['--tmpfs', '/run']);
    expect(ops).toContainEqual(['--dev', '/dev']);
    expect(ops).toContainEqual(['--proc', '/proc']);
  });

  it('binds My Documents as the home, the projects at /projects, and nothing else of the vault', () => {
    expect(ops).toContainEqual(['--bind', mounts.myDocuments, '/home/anna.berg/My Documents']);
    expect(ops).toContainEqual(['--bind', mounts.projectsRoot, '/projects']);
    const vault = ops.filter((op) => op.some((word) => word.startsWith('/srv/mona')));
    expect(vault).toHaveLength(2);
  });

  it("binds the session's own folders at their paths, the agent's sockets with them, after opening their parents", () => {
    for (const dir of mounts.sessionDirs) expect(ops).toContainEqual(['--bind', dir, dir]);
    for (const path of mounts.readOnly) expect(ops).toContainEqual(['--ro-bind', path, path]);
    const bindAt = ops.findIndex((op) => op[0] === '--bind' && op[2] === '/run/mona/sessions/s1');
    const before = ops.slice(0, bindAt);
    for (const parent of ['/run', '/run/mona', '/run/mona/sessions']) {
      const at = before.findIndex((op) => op[0] === '--dir' && op[1] === parent);
      expect(at).toBeGreaterThan(0);
      expect(before[at - 1]).toEqual(['--perms', '0755']);
    }
    // bwrap makes /run a fresh tmpfs before any of it is bound.
    expect(ops.findIndex((op) => op[0] === '--tmpfs' && op[1] === '/run')).toBeLessThan(bindAt);
  });

  it('leaves setpriv only what it needs to become the user', () => {
    expect(ops).toContainEqual(['--cap-drop', 'ALL']);
    expect(targets('--cap-add').sort()).toEqual(['CAP_SETGID', 'CAP_SETPCAP', 'CAP_SETUID']);
  });
});

describe('joinArguments', () => {
  it("enters all of the desktop's namespaces and its root", () => {
    expect(joinArguments(4242)).toEqual(['--target=4242', '--mount', '--ipc', '--net', '--pid', '--root']);
  });
});
