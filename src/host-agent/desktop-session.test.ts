import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopSpec } from '../agent-api/desktop-spec.js';
import { ByteQueue } from '../rfb/byte-queue.js';
import { authenticateUpstream } from '../rfb/handshake.js';
import {
  type DesktopHostOptions,
  findDesktops,
  isDesktopAlive,
  setKeyboardLayout,
  startDesktop,
  stopDesktop,
} from './desktop-session.js';
import type { RunningDesktop } from './desktop-state.js';
import { sessionCgroupProcs } from './session-cgroup.js';
import { runInSession } from './session-process.js';

const ASSETS = fileURLToPath(new URL('../../session-host', import.meta.url));
const run = promisify(execFile);

interface ProcessInfo {
  pid: number;
  name: string;
  status: string;
}

/** Every process whose network namespace has this inode, read straight from /proc. */
async function processesIn(netnsInode: number): Promise<ProcessInfo[]> {
  const found: ProcessInfo[] = [];
  for (const entry of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const link = await readlink(`/proc/${entry}/ns/net`).catch(() => '');
    if (link !== `net:[${netnsInode}]`) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    found.push({ pid: Number(entry), name: field(status, 'Name'), status });
  }
  return found;
}

/** Whether the process exists and has not exited (a zombie waits for its parent to reap it, not for us). */
async function running(pid: number): Promise<boolean> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return status !== '' && !field(status, 'State').startsWith('Z');
}

function field(status: string, name: string): string {
  return new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(status)?.[1]?.trim() ?? '';
}

function xEnv(desktop: RunningDesktop, xauthority = join(desktop.runtimeDir, 'Xauthority')) {
  return { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', DISPLAY: `:${desktop.display}`, XAUTHORITY: xauthority };
}

/** Runs a command of the host's as root where the desktop's X socket is: in its network and mount namespaces. */
function inDesktop(desktop: RunningDesktop, command: string[], env: NodeJS.ProcessEnv = xEnv(desktop)) {
  const enter = [`--target=${desktop.xvncPid}`, '--mount', '--net', '--'];
  return run('nsenter', [...enter, ...command], { env });
}

/** A shell command run as the session's user in its sandbox, as its own programs run; stdout and stderr. */
async function asSessionUser(
  desktop: RunningDesktop,
  script: string,
  groups: number[] = [],
): Promise<string> {
  const identity = {
    uid: desktop.uid,
    gid: desktop.gid,
    groups,
    sandbox: { pid: desktop.xvncPid, inode: desktop.netnsInode },
    cwd: '/',
    cgroupProcs: sessionCgroupProcs(desktop.sessionId),
  };
  return runInSession(identity, ['sh', '-c', `{ ${script}; } 2>&1`], { PATH: '/usr/bin:/bin' });
}

/** The windows shown on the desktop's screen that match, e.g. `--class ^XTerm$`. */
async function visibleWindows(desktop: RunningDesktop, ...match: string[]): Promise<string[]> {
  const found = await inDesktop(desktop, ['xdotool', 'search', '--onlyvisible', ...match]).catch(() => ({
    stdout: '',
  }));
  return found.stdout.split('\n').filter(Boolean);
}

async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 8000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** The gateway's handshake with the desktop's VNC socket, up to the server's verdict on the password. */
async function vncLogin(socketPath: string, password: string): Promise<void> {
  const socket = connect(socketPath);
  const received = new ByteQueue();
  socket.on('data', (chunk) => received.push(chunk));
  socket.on('error', (error) => received.fail(error));
  try {
    await authenticateUpstream(
      (size) => received.read(size),
      (bytes) => socket.write(bytes),
      password,
    );
  } finally {
    socket.destroy();
  }
}

/** Starts a desktop from a process that then exits, like an agent that is restarted afterwards. */
async function startInProcessOfItsOwn(
  spec: DesktopSpec,
  options: DesktopHostOptions,
): Promise<RunningDesktop> {
  const module = fileURLToPath(new URL('./desktop-session.ts', import.meta.url));
  const code = [
    `const { startDesktop } = await import(${JSON.stringify(module)});`,
    `const desktop = await startDesktop(${JSON.stringify(spec)}, ${JSON.stringify(options)});`,
    'process.stdout.write(JSON.stringify(desktop));',
  ].join('\n');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code]);
  return JSON.parse(stdout) as RunningDesktop;
}

// Real X sessions need root (network namespaces, other users); CI runs as root with TigerVNC installed.
const canRun = process.getuid?.() === 0 && existsSync('/usr/bin/Xvnc');
// Generous time for a loaded CI machine; here the whole file takes about 3 s.
describe.runIf(canRun)('a real desktop session', { timeout: 15_000 }, () => {
  const uid = 390_000 + randomInt(0, 50_000) * 2;
  const unixUser = `mt-${uid}`;
  // Its name inside the desktop: the login name.
  const username = `desk.${uid}`;
  const projectGroup = { name: `mona-t${uid}`, gid: uid + 1 };
  let root: string;
  let options: DesktopHostOptions;
  let projectFolder: string;
  let first: RunningDesktop;
  let second: RunningDesktop;

  function spec(sessionId: string): DesktopSpec {
    return {
      sessionId,
      username,
      unixUser,
      uid,
      gid: uid,
      groups: [projectGroup],
      myDocuments: join(root, 'home', 'My Documents'),
      projectsRoot: join(root, 'vault', 'projects'),
      projects: [{ id: 'P0001', name: 'Test project', folder: projectFolder }],
      software: [{ id: 'stata', name: 'Stata', command: ['xterm'], seats: 1 }],
      notices: [{ text: 'Service', closedFrom: '2030-01-01T18:00:00Z', closedUntil: '2030-01-01T20:00:00Z' }],
      language: 'sv',
      keyboard: 'se',
      vncPassword: 'Abc23xyz',
      pasteIn: false,
      geometry: { width: 1024, height: 768 },
    };
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mona-desktop-'));
    await chmod(root, 0o755);
    options = {
      runtimeRoot: join(root, 'run'),
      assetsDir: ASSETS,
      limits: { cpus: 1, memoryBytes: 2 ** 30 },
      openGl: false,
    };
    // What the platform's storage code makes before a desktop starts.
    const myDocuments = join(root, 'home', 'My Documents');
    await mkdir(myDocuments, { recursive: true });
    // A file system of its own, as the quota image is: 64 MB of tmpfs stands in for it.
    await run('mount', [
      '-t',
      'tmpfs',
      '-o',
      `size=64m,mode=0700,uid=${uid},gid=${uid}`,
      'quota',
      myDocuments,
    ]);
    projectFolder = join(root, 'vault', 'projects', 'P0001');
    await mkdir(join(projectFolder, 'P0001_Gem'), { recursive: true });
    await chown(projectFolder, 0, projectGroup.gid);
    await chmod(projectFolder, 0o750);

    first = await startDesktop(spec(`t${uid}a`), options);
    second = await startInProcessOfItsOwn(spec(`t${uid}b`), { ...options, openGl: true });
  }, 20_000);

  afterAll(async () => {
    // Stopped by the tests already, unless one failed half-way.
    for (const desktop of [first, second]) if (desktop) await stopDesktop(desktop).catch(() => undefined);
    // Whatever a failed test left running as the throwaway user would keep userdel from removing it.
    await run('pkill', ['-KILL', '-u', String(uid)]).catch(() => undefined);
    await run('userdel', [unixUser]).catch(() => undefined);
    for (const group of [unixUser, projectGroup.name]) await run('groupdel', [group]).catch(() => undefined);
    await run('umount', [join(root, 'home', 'My Documents')]).catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  });

  it('shows the panel, the file manager on My Documents, a terminal and the welcome window', async () => {
    for (const windowClass of ['^lxpanel$', '^Pcmanfm$', '^XTerm$', '^MonaWelcome$']) {
      const shown = async () =>
        (await visibleWindows(first, '--class', windowClass)).length > 0 ? true : undefined;
      await eventually(windowClass, shown);
    }
    const [fileManager] = await visibleWindows(first, '--class', '^Pcmanfm$');
    const { stdout } = await inDesktop(first, ['xdotool', 'getwindowname', fileManager ?? '']);
    expect(stdout.trim()).toBe('My Documents');
    expect(first.display).not.toBe(second.display);
  });

  it('calls the user by their login name inside, with My Documents as the home of that name', async () => {
    const seen = await asSessionUser(
      first,
      'id -un; id -gn; id -Gn; getent passwd "$(id -u)" | cut -d: -f6; stat -c %U:%G "$(getent passwd "$(id -u)" | cut -d: -f6)"',
      [projectGroup.gid],
    );
    expect(seen.split('\n')).toEqual([
      username,
      username,
      `${username} ${projectGroup.name}`,
      `/home/${username}/My Documents`,
      `${username}:${username}`,
      '',
    ]);
    // No other account of the host's users is listed in there.
    const accounts = await asSessionUser(first, 'cut -d: -f1,3 /etc/passwd');
    const users = accounts.split('\n').filter((line) => Number(line.split(':')[1]) >= 1000);
    expect(users.sort()).toEqual([`${username}:${uid}`, 'nobody:65534']);
    expect(await asSessionUser(first, 'echo x >> /etc/passwd || echo refused')).toMatch(/refused\n$/);
  });

  it('speaks Swedish for a Swedish user: the welcome window, and the programs under a Swedish locale', async () => {
    const [window] = await eventually('the welcome window', async () => {
      const found = await visibleWindows(first, '--class', '^MonaWelcome$');
      return found.length > 0 ? found : undefined;
    });
    const { stdout: title } = await inDesktop(first, ['xdotool', 'getwindowname', window ?? '']);
    expect(title.trim()).toBe('Välkommen till MONA');
    const [fileManager] = (await processesIn(first.netnsInode)).filter(
      (process) => process.name === 'pcmanfm',
    );
    const environment = (await readFile(`/proc/${fileManager?.pid}/environ`, 'utf8')).split('\0');
    expect(environment).toContain('LANG=sv_SE.UTF-8');
    // The locale exists in there (no "cannot set" warning), and a program's own menus translate under it.
    const inSwedish = 'export LANG=sv_SE.UTF-8 LANGUAGE=sv:en; locale >/dev/null; gettext -d pcmanfm _File';
    expect(await asSessionUser(first, inSwedish)).toBe('_Arkiv');
  });

  it('shows the welcome window centred, at its full size', async () => {
    const [window] = await eventually('the welcome window', async () => {
      const found = await visibleWindows(first, '--class', '^MonaWelcome$');
      return found.length > 0 ? found : undefined;
    });
    const { stdout } = await inDesktop(first, ['xdotool', 'getwindowgeometry', '--shell', window ?? '']);
    const value = (name: string) => Number(new RegExp(`^${name}=(\\d+)`, 'm').exec(stdout)?.[1]);
    const [x, y, width, height] = ['X', 'Y', 'WIDTH', 'HEIGHT'].map(value) as [
      number,
      number,
      number,
      number,
    ];
    // Room for the title, a notice, the project and both buttons; centred across, in the upper half.
    expect(width).toBeGreaterThan(300);
    expect(height).toBeGreaterThan(200);
    expect(Math.abs(x - (1024 - width) / 2)).toBeLessThan(12);
    expect(y).toBeGreaterThan(0);
    expect(y + height / 2).toBeLessThan(768 / 2);
  });

  it('maps the welcome window once, already where it stays and at its full size: it does not jump', async () => {
    // The windows' geometries as the X server announces them, while a second welcome window opens.
    const watch = ['timeout', '3', 'xev', '-root', '-event', 'substructure'];
    const events = inDesktop(first, watch).catch((ended: { stdout?: string }) => ({
      stdout: ended.stdout ?? '',
    }));
    await sleep(500);
    const welcome = ['/usr/bin/python3', join(ASSETS, 'welcome.py'), join(first.runtimeDir, 'welcome.json')];
    await inDesktop(first, ['timeout', '2', ...welcome]).catch(() => undefined);
    const { stdout } = await events;
    expect(stdout).toContain('MapNotify');
    const placed = [...stdout.matchAll(/ConfigureNotify[^\n]*\n[^\n]*\((-?\d+),(-?\d+)\), width (\d+)/g)]
      .filter((event) => Number(event[3]) > 100)
      .map((event) => `${event[1]},${event[2]}`);
    expect(placed.length).toBeGreaterThan(0);
    expect(new Set(placed).size).toBe(1);
  });

  it("uses the host's font cache: no program scans the fonts for a cache of the desktop's own", async () => {
    await eventually('the welcome window', async () =>
      (await visibleWindows(first, '--class', '^MonaWelcome$')).length > 0 ? true : undefined,
    );
    const built = await readdir(join(first.runtimeDir, 'cache', 'fontconfig')).catch(() => []);
    expect(built.filter((name) => name.includes('.cache-'))).toEqual([]);
  });

  it('runs every process as the user, with umask 0007 and no privilege, in a network namespace of its own', async () => {
    const own = await readlink('/proc/self/ns/net');
    expect(own).not.toBe(`net:[${first.netnsInode}]`);
    const all = await processesIn(first.netnsInode);
    // bwrap's init, pid 1 of the sandbox, only reaps: root's uid without any capability.
    const init = all.filter((process) => /^NSpid:\s+\d+\s+1$/m.test(process.status));
    expect(init.map((process) => process.name)).toEqual(['bwrap']);
    for (const caps of ['CapPrm', 'CapEff', 'CapAmb'])
      expect(field(init[0]?.status ?? '', caps)).toMatch(/^0+$/);
    const processes = all.filter((process) => !init.includes(process));
    const names = processes.map((process) => process.name);
    for (const name of ['Xvnc', 'openbox', 'lxpanel', 'pcmanfm', 'xterm', 'bash', 'python3']) {
      expect(names).toContain(name);
    }
    for (const { status } of processes) {
      expect(field(status, 'Uid').split(/\s+/)).toEqual(Array(4).fill(String(uid)));
      expect(field(status, 'Gid').split(/\s+/)).toEqual(Array(4).fill(String(uid)));
      expect(field(status, 'Groups')).toBe(String(projectGroup.gid));
      for (const caps of ['CapPrm', 'CapEff', 'CapBnd', 'CapAmb'])
        expect(field(status, caps)).toMatch(/^0+$/);
      expect(field(status, 'NoNewPrivs')).toBe('1');
      expect(field(status, 'Umask')).toBe('0007');
    }
  });

  it('has OpenGL only on a host that allows it', async () => {
    const extensions = async (desktop: RunningDesktop) =>
      (await inDesktop(desktop, ['xdpyinfo', '-queryExtensions'])).stdout;
    expect(await extensions(first)).not.toMatch(/^\s+GLX\b/m);
    expect(await extensions(second)).toMatch(/^\s+GLX\b/m);
  });

  it("keeps the VNC socket and the display the user's alone", async () => {
    const socket = await stat(first.vncSocket);
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o777).toBe(0o600);
    expect(socket.uid).toBe(uid);
    // Root, as the gateway, gets in there with the session's VNC password, and only with it.
    await expect(vncLogin(first.vncSocket, 'Abc23xyz')).resolves.toBeUndefined();
    await expect(vncLogin(first.vncSocket, 'Abc23xyZ')).rejects.toThrow(/authentication failed/);
    // Wrong passwords do not lock the gateway out: every client of the socket looks alike to Xvnc.
    for (let attempt = 0; attempt < 6; attempt += 1) {
      await expect(vncLogin(first.vncSocket, 'wrong-pw')).rejects.toThrow(/authentication failed/);
    }
    await expect(vncLogin(first.vncSocket, 'Abc23xyz')).resolves.toBeUndefined();
    const xvncArgs = (await readFile(`/proc/${first.xvncPid}/cmdline`, 'utf8')).split('\0');
    expect(xvncArgs).toEqual(
      expect.arrayContaining(['-SendCutText=0', '-SendPrimary=0', '-AcceptCutText=0']),
    );
    expect(xvncArgs).toEqual(expect.arrayContaining(['-rfbport', '-1', '-nolisten', 'tcp']));
    const runtimeDir = await stat(first.runtimeDir);
    expect([runtimeDir.uid, runtimeDir.mode & 0o777]).toEqual([uid, 0o700]);
    const controlDir = await stat(join(first.controlSocket, '..'));
    expect([controlDir.uid, controlDir.gid, controlDir.mode & 0o777]).toEqual([0, uid, 0o750]);
    await expect(inDesktop(first, ['xprop', '-root', '_NET_SUPPORTING_WM_CHECK'])).resolves.toBeTruthy();
    await expect(inDesktop(first, ['xprop', '-root'], xEnv(first, '/dev/null'))).rejects.toThrow();
    // The host has no X socket of the desktop's: it is in the session's own /tmp.
    expect(existsSync(`/tmp/.X11-unix/X${first.display}`)).toBe(false);
  });

  it("cannot reach the network from inside, not even the host's 127.0.0.1", async () => {
    let connections = 0;
    const server: Server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const connect = [
      '/usr/bin/python3',
      '-c',
      `import socket; socket.create_connection(('127.0.0.1', ${port}), 2)`,
    ];
    const asUser = ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--'];
    try {
      // The same command outside the session does connect: the refusal below is the namespace's doing.
      await run(asUser[0] as string, [...asUser.slice(1), ...connect]);
      expect(connections).toBe(1);
      const inside = run('nsenter', [`--net=/proc/${first.xvncPid}/ns/net`, '--', ...asUser, ...connect]);
      // The sandbox has a loopback of its own, with nothing listening on it.
      await expect(inside).rejects.toThrow(/Connection refused|Network is unreachable/);
      expect(connections).toBe(1);
    } finally {
      server.close();
    }
  });

  it('makes a shortcut to the project in My Documents, which the desktop finds at /projects', async () => {
    const shortcut = join(root, 'home', 'My Documents', 'P0001_Test_project');
    expect(await readlink(shortcut)).toBe('/projects/P0001');
    expect((await lstat(shortcut)).uid).toBe(uid);
    expect(
      await asSessionUser(first, `cd "/home/${username}/My Documents/P0001_Test_project" && pwd -P && ls`, [
        projectGroup.gid,
      ]),
    ).toBe('/projects/P0001\nP0001_Gem\n');
  });

  it("keeps each desktop's /tmp, /dev/shm, processes and view of the host its own", async () => {
    await asSessionUser(first, 'echo rows > /tmp/shared.csv && echo rows > /dev/shm/shared');
    expect(await asSessionUser(first, 'cat /tmp/shared.csv /dev/shm/shared')).toBe('rows\nrows\n');
    expect(await asSessionUser(second, 'ls -A /tmp /dev/shm')).not.toContain('shared');
    expect(existsSync('/tmp/shared.csv')).toBe(false);
    // Only the session's own processes, with the sandbox's init as 1.
    const processes = await asSessionUser(first, 'ps -e -o pid=,comm=');
    expect(processes).toMatch(/^\s*1 bwrap$/m);
    expect(processes).toMatch(/^\s*2 Xvnc$/m);
    expect(processes).not.toMatch(/node|vitest/);
    const seen = (await asSessionUser(first, 'ls /')).split('\n').filter(Boolean);
    expect(seen.sort()).toEqual(
      expect.arrayContaining(['dev', 'etc', 'home', 'proc', 'projects', 'run', 'tmp', 'usr']),
    );
    expect(seen).not.toContain('root');
    expect(await asSessionUser(first, 'ls /home /run')).not.toContain(second.sessionId);
    // Neither the vault nor the host's own folder of the test: only what is bound in.
    expect(await asSessionUser(first, `ls -d ${root}/home ${root}/vault; echo $?`)).toMatch(
      /No such file.*\n.*No such file.*\n2\n$/s,
    );
    expect(await asSessionUser(first, `touch "/home/${username}/My Documents/written" && echo ok`)).toBe(
      'ok\n',
    );
    // The free space shown is My Documents' own: the quota's, not the host's disk.
    const size = await asSessionUser(
      first,
      `df -B1M --output=size "/home/${username}/My Documents" | tail -1`,
    );
    expect(size.trim()).toBe('64');
    expect(existsSync(join(root, 'home', 'My Documents', 'written'))).toBe(true);
  });

  it.runIf(existsSync('/sys/fs/cgroup/memory/cgroup.procs') && existsSync('/sys/fs/cgroup/cpu/cgroup.procs'))(
    "holds the desktop to the host's CPU and memory limits for it",
    async () => {
      const limit = (file: string) => readFile(`/sys/fs/cgroup/${file}`, 'utf8').then((text) => text.trim());
      expect(await limit(`memory/mona/${first.sessionId}/memory.limit_in_bytes`)).toBe(String(2 ** 30));
      expect(await limit(`cpu/mona/${first.sessionId}/cpu.cfs_quota_us`)).toBe('100000');
      expect(await limit(`cpu/mona/${first.sessionId}/cpu.cfs_period_us`)).toBe('100000');
      for (const controller of ['memory', 'cpu']) {
        const members = await limit(`${controller}/mona/${first.sessionId}/cgroup.procs`);
        expect(members.split('\n')).toContain(String(first.xvncPid));
      }
    },
  );

  it('sets the keyboard layout', async () => {
    const layout = async () => (await inDesktop(first, ['setxkbmap', '-query'])).stdout;
    expect(await layout()).toMatch(/^layout:\s+se$/m);
    await setKeyboardLayout(first, 'us');
    expect(await layout()).toMatch(/^layout:\s+us$/m);
  });

  it('tells in a window on the desktop that a program has no free seat', async () => {
    const server = createHttpServer((_request, response) => {
      response.writeHead(409, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'All Stata licences are in use.' }));
    });
    // Where the program in the desktop can reach it.
    const socket = join(first.runtimeDir, 'licences.sock');
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      const env = { ...xEnv(first), MONA_SESSION_SOCKET: socket, LANGUAGE: 'en' };
      const mona = inDesktop(first, [join(ASSETS, 'bin', 'mona-run'), 'stata', '--', 'xterm'], env).catch(
        (error) => error,
      );
      const shown = async () => (await visibleWindows(first, '--name', '^No free licence$'))[0];
      const dialog = await eventually('the dialog', shown);
      // Its OK button, as the user would press it.
      await inDesktop(first, ['xdotool', 'windowfocus', '--sync', dialog, 'key', 'Return']);
      expect(await mona).toMatchObject({ code: 1 });
    } finally {
      server.close();
    }
  });

  it('re-adopts the living desktops after an agent restart', async () => {
    // The second one's starter has exited since: its desktop lives on without it.
    const { alive, dead } = await findDesktops(options);
    expect(dead).toEqual([]);
    expect(alive.map((desktop) => desktop.sessionId).sort()).toEqual([first.sessionId, second.sessionId]);
    expect(alive.find((desktop) => desktop.sessionId === first.sessionId)).toEqual(first);
  });

  it('ends every process of the session on stop, also one that made itself a namespace of its own, and removes its files', async () => {
    // As any program in the session can: a user namespace of its own, and a network namespace in it.
    const leaveNamespace = 'unshare -Urn setsid sleep 300 </dev/null >/dev/null 2>&1 &';
    const identity = {
      uid,
      gid: uid,
      groups: [],
      sandbox: { pid: first.xvncPid, inode: first.netnsInode },
      cwd: '/',
      cgroupProcs: sessionCgroupProcs(first.sessionId),
    };
    // And a folder in the runtime dir that the user made read-only.
    const lockFolder = `mkdir "$1/locked" && touch "$1/locked/file" && chmod 500 "$1/locked"`;
    await runInSession(identity, ['sh', '-c', `${leaveNamespace} ${lockFolder}`, 'sh', first.runtimeDir], {
      PATH: '/usr/bin:/bin',
    });
    const escaped = await eventually('the escaped sleep', async () => {
      const { stdout } = await run('pgrep', ['-u', String(uid), '-x', 'sleep']).catch(() => ({ stdout: '' }));
      return stdout.trim() ? Number(stdout.trim()) : undefined;
    });
    expect(await readlink(`/proc/${escaped}/ns/net`)).not.toBe(`net:[${first.netnsInode}]`);
    // The other desktop may still be starting programs of its own: what matters is that none ends.
    const othersBefore = (await processesIn(second.netnsInode)).map((process) => process.pid);

    await stopDesktop(first);
    expect(await processesIn(first.netnsInode)).toEqual([]);
    expect(await running(escaped)).toBe(false);
    for (const path of [
      first.runtimeDir,
      join(first.controlSocket, '..'),
      `/tmp/.X11-unix/X${first.display}`,
    ]) {
      expect(existsSync(path)).toBe(false);
    }
    expect(await isDesktopAlive(first)).toBe(false);
    await stopDesktop(first);
    // Nothing outside the session was touched.
    expect(await isDesktopAlive(second)).toBe(true);
    const othersAfter = (await processesIn(second.netnsInode)).map((process) => process.pid);
    expect(othersAfter).toEqual(expect.arrayContaining(othersBefore));
  });

  it('reports a desktop whose Xvnc was killed as dead, and cleans it up', async () => {
    process.kill(second.xvncPid, 'SIGKILL');
    await eventually('Xvnc killed', async () => ((await isDesktopAlive(second)) ? undefined : true));
    expect(await findDesktops(options)).toEqual({ alive: [], dead: [second.sessionId] });
    expect(await processesIn(second.netnsInode)).toEqual([]);
    expect(existsSync(second.runtimeDir)).toBe(false);
    expect(existsSync(`/tmp/.X${second.display}-lock`)).toBe(false);
  });
});
