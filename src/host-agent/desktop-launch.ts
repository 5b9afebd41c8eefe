import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DesktopSpec } from '../agent-api/desktop-spec.js';
import { shellWords, TERMINAL } from './desktop-menu.js';
import type { RunningDesktop } from './desktop-state.js';
import { sessionCgroupProcs } from './session-cgroup.js';
import { type SessionPaths, sessionPaths } from './session-files.js';
import { localeEnvironment } from './session-locale.js';
import {
  childPids,
  netnsInodeOf,
  runInSession,
  type SessionIdentity,
  startInSession,
} from './session-process.js';
import { processStatus } from './session-reaper.js';
import type { SandboxMounts } from './session-sandbox.js';
import { displaySocketOf } from './x-display.js';

/** What starting the session's programs needs, once its files are made. */
export interface Launch {
  /** With myDocuments as the session sees it (its HOME). */
  spec: DesktopSpec;
  paths: SessionPaths;
  assetsDir: string;
  /** The session's log, open. */
  log: number;
  cgroupProcs: string[];
  mounts: SandboxMounts;
  /** GLX in Xvnc: without it, Xvnc loads neither Mesa nor LLVM. */
  openGl: boolean;
}

/**
 * Starts Xvnc in a sandbox of its own (session-sandbox.ts) and waits for its sockets; sets the desktop's
 * xvncPid (as the host sees it) and netnsInode.
 */
export async function startXvnc(desktop: RunningDesktop, launch: Launch): Promise<void> {
  let ended: string | null = null;
  const sandbox = { mounts: launch.mounts };
  const bwrapPid = await startInSession(identity(launch, sandbox), xvncCommand(launch, desktop.display), {
    ...programOptions(launch, desktop.display),
    onExit: (how) => (ended = how),
  });
  const failed = () => ended && `Xvnc ended (${ended})`;
  // bwrap, then its init (pid 1 of the sandbox), then Xvnc.
  const xvncPid = async () => {
    for (const init of await childPids(bwrapPid)) {
      for (const pid of await childPids(init)) if ((await processStatus(pid))?.name === 'Xvnc') return pid;
    }
    return 0;
  };
  try {
    const found = async () => {
      desktop.xvncPid = await xvncPid();
      return desktop.xvncPid !== 0;
    };
    await waitUntil('Xvnc', found, { failed });
    const listening = async () =>
      existsSync(displaySocketOf(desktop.xvncPid, desktop.display)) && existsSync(desktop.vncSocket);
    await waitUntil('Xvnc', listening, { failed });
    desktop.netnsInode = (await netnsInodeOf(desktop.xvncPid)) ?? 0;
    if (desktop.netnsInode === 0 || desktop.netnsInode === (await netnsInodeOf('self'))) {
      throw new Error('Xvnc is not in a network namespace of its own');
    }
  } catch (error) {
    // On a host without cgroups nothing else would find the sandbox; it ends with its init, pid 1 in there.
    for (const init of await childPids(bwrapPid)) killIfAlive(init);
    throw error;
  }
}

function killIfAlive(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Ended meanwhile.
  }
}

/**
 * The window manager, which once it has the screen runs the rest (`openbox --startup`, see desktopStartup):
 * windows mapped before it manages the screen stay unmapped. Resolves once openbox was started; see
 * programsStarted for the rest.
 */
export async function startPrograms(desktop: RunningDesktop, launch: Launch): Promise<void> {
  const inSession = identity(launch, { pid: desktop.xvncPid, inode: desktop.netnsInode });
  const startup = desktopStartup(launch.spec, launch.paths, launch.assetsDir);
  const openbox = ['openbox', '--config-file', join(launch.assetsDir, 'openbox', 'rc.xml')];
  await startInSession(
    inSession,
    [...openbox, '--startup', shellWords(startup)],
    programOptions(launch, desktop.display),
  );
}

/** Resolves once openbox has started the desktop's programs; rejects if it has not within 30 s. */
export async function programsStarted(desktop: RunningDesktop): Promise<void> {
  const mark = sessionPaths(dirname(desktop.runtimeDir), desktop.sessionId).programsStarted;
  await waitUntil('openbox', async () => existsSync(mark), { timeoutMs: 30_000 });
}

/**
 * The desktop's programs, and all they start, yield to its X server and window manager: under a burst of new
 * desktops each X server draws its first screen sooner, and a busy R session does not make the screen lag.
 * Only within the desktop's own cgroup, where its processes share its part of the host.
 */
const PROGRAMS_NICENESS = 10;

/**
 * What openbox runs once it manages the screen: the keyboard layout, then the programs (the welcome window
 * last, so that it opens on top), each in the background, then the mark the agent waits for. One shell in
 * the session instead of a command of the agent's per program and a poll of the window manager.
 */
export function desktopStartup(
  spec: Pick<DesktopSpec, 'keyboard' | 'myDocuments'>,
  paths: Pick<SessionPaths, 'welcome' | 'programsStarted'>,
  assetsDir: string,
): string[] {
  const programs = [
    ['lxpanel', '--profile', 'mona'],
    ['pcmanfm', spec.myDocuments],
    TERMINAL,
    ['/usr/bin/python3', join(assetsDir, 'welcome.py'), paths.welcome],
  ];
  const script = [
    `setxkbmap -layout ${shellWords([spec.keyboard])};`,
    ...programs.map((program) => `nice -n ${PROGRAMS_NICENESS} ${shellWords(program)} &`),
    `: > ${shellWords([paths.programsStarted])}`,
  ].join(' ');
  return ['/bin/sh', '-c', script];
}

/** One of the host's own X commands, run as the user in the session: root talks to no display of a user's. */
export function runInX(desktop: RunningDesktop, program: string[]): Promise<string> {
  const identity: SessionIdentity = {
    uid: desktop.uid,
    gid: desktop.gid,
    groups: [],
    sandbox: { pid: desktop.xvncPid, inode: desktop.netnsInode },
    cwd: '/',
    cgroupProcs: sessionCgroupProcs(desktop.sessionId),
  };
  const env = {
    DISPLAY: `:${desktop.display}`,
    XAUTHORITY: sessionPaths(dirname(desktop.runtimeDir), desktop.sessionId).xauthority,
    PATH: '/usr/bin:/bin',
    LANG: 'C.UTF-8',
  };
  return runInSession(identity, program, env);
}

function identity(launch: Launch, sandbox: SessionIdentity['sandbox']): SessionIdentity {
  const { uid, gid, groups, myDocuments } = launch.spec;
  return {
    uid,
    gid,
    groups: groups.map((group) => group.gid),
    sandbox,
    cwd: myDocuments,
    cgroupProcs: launch.cgroupProcs,
  };
}

function programOptions(launch: Launch, display: number) {
  return { env: sessionEnvironment(launch, display), log: launch.log };
}

function sessionEnvironment({ spec, paths, assetsDir, mounts }: Launch, display: number): NodeJS.ProcessEnv {
  return {
    HOME: spec.myDocuments,
    USER: mounts.userName,
    LOGNAME: mounts.userName,
    SHELL: '/bin/bash',
    PATH: `${resolve(assetsDir, 'bin')}:/usr/local/bin:/usr/bin:/bin`,
    DISPLAY: `:${display}`,
    XAUTHORITY: paths.xauthority,
    XDG_RUNTIME_DIR: paths.runtimeDir,
    // The panel and its menu are the platform's, made anew at each start; caches stay out of the user's quota.
    XDG_CONFIG_HOME: paths.configHome,
    XDG_CACHE_HOME: paths.cacheHome,
    ...localeEnvironment(spec.language),
    MONA_SESSION_SOCKET: paths.controlSocket,
    // There is no session bus for GTK's accessibility bridge to look for.
    NO_AT_BRIDGE: '1',
  };
}

function xvncCommand({ spec, paths, openGl }: Launch, display: number): string[] {
  const { width, height } = spec.geometry;
  return [
    'Xvnc',
    `:${display}`,
    '-auth',
    paths.xauthority,
    '-desktop',
    'MONA',
    '-geometry',
    `${width}x${height}`,
    '-depth',
    '24',
    // Reached only through the agent: a Unix socket of the user's, no TCP at all.
    '-rfbunixpath',
    paths.vncSocket,
    '-rfbunixmode',
    '0600',
    '-rfbport',
    '-1',
    '-nolisten',
    'tcp',
    '-SecurityTypes',
    'VncAuth',
    '-rfbauth',
    paths.vncPasswordFile,
    // Every client of a Unix socket has the same address: five wrong passwords would lock out the gateway too.
    '-UseBlacklist=0',
    '-AlwaysShared',
    // Nothing is copied out of the desktop; pasting in only where the platform allows it.
    '-SendCutText=0',
    '-SendPrimary=0',
    `-AcceptCutText=${spec.pasteIn ? 1 : 0}`,
    ...(openGl ? [] : ['-extension', 'GLX']),
  ];
}

async function waitUntil(
  what: string,
  ready: () => Promise<boolean>,
  { timeoutMs = 10_000, failed = (): string | null => null } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    const failure = failed();
    if (failure) throw new Error(failure);
    if (Date.now() > deadline) throw new Error(`${what} not ready within ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}
