import { execFile, spawn } from 'node:child_process';
import { readlink } from 'node:fs/promises';
import { promisify } from 'node:util';

/** Who a desktop's processes run as, and where: the same for all of them. */
export interface SessionIdentity {
  uid: number;
  gid: number;
  /** Supplementary group ids: the user's projects. */
  groups: number[];
  /** 'new' for the session's first process (Xvnc); after that, a process whose network namespace to join. */
  netns: 'new' | { pid: number; inode: number };
  /** The `cgroup.procs` of the session's cgroup, or null on a host without one. */
  cgroupProcs: string | null;
}

// Root's part of every session process, in one shell that then execs away (the pid stays the program's): the
// umask, inherited through the execs that follow; joining the session's cgroup before anything can fork.
const ROOT_SHELL = 'umask 0007 && { [ -z "$1" ] || echo $$ > "$1"; } && shift && exec "$@"';

async function commandLine(identity: SessionIdentity, program: string[]): Promise<string[]> {
  const enter =
    identity.netns === 'new'
      ? ['/usr/bin/unshare', '--net', '--']
      : ['/usr/bin/nsenter', `--net=${await netnsPath(identity.netns)}`, '--'];
  const groups = identity.groups.length > 0 ? `--groups=${identity.groups.join(',')}` : '--clear-groups';
  const dropPrivileges = [
    '/usr/bin/setpriv',
    `--reuid=${identity.uid}`,
    `--regid=${identity.gid}`,
    groups,
    '--inh-caps=-all',
    '--bounding-set=-all',
    // No setuid program can give anything back.
    '--no-new-privs',
    '--',
  ];
  return [
    '-c',
    ROOT_SHELL,
    'mona-launch',
    identity.cgroupProcs ?? '',
    ...enter,
    ...dropPrivileges,
    ...program,
  ];
}

/**
 * Starts a long-lived program of the session, detached from the agent (own session, output to the session's
 * log) so that it outlives an agent restart. Resolves with its pid once it runs.
 */
export async function startInSession(
  identity: SessionIdentity,
  program: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; log: number; onExit?: (how: string) => void },
): Promise<number> {
  const child = spawn('/bin/sh', await commandLine(identity, program), {
    env: options.env,
    cwd: options.cwd,
    detached: true,
    stdio: ['ignore', options.log, options.log],
  });
  await new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const { onExit } = options;
  if (onExit) child.once('exit', (code, signal) => onExit(signal ?? `exit status ${code}`));
  child.unref();
  return child.pid as number;
}

const run = promisify(execFile);

/** Runs a short command of the host's in the session (as its user, in its namespace); its stdout. */
export async function runInSession(
  identity: SessionIdentity,
  program: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 10_000,
): Promise<string> {
  try {
    const { stdout } = await run('/bin/sh', await commandLine(identity, program), {
      env,
      cwd: '/',
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    return stdout;
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`${program.join(' ')} in the session: ${stderr?.trim() || (error as Error).message}`);
  }
}

/** The inode of a process's network namespace; null when the process is gone (or a zombie). */
export async function netnsInodeOf(pid: number | 'self'): Promise<number | null> {
  const link = await readlink(`/proc/${pid}/ns/net`).catch(() => null);
  const match = link ? /^net:\[(\d+)\]$/.exec(link) : null;
  return match ? Number(match[1]) : null;
}

/** `/proc/<pid>/ns/net`, once checked to still be the session's namespace: the pid may have gone by now. */
async function netnsPath(netns: { pid: number; inode: number }): Promise<string> {
  if ((await netnsInodeOf(netns.pid)) !== netns.inode) {
    throw new Error(`process ${netns.pid} is no longer in the session's network namespace`);
  }
  return `/proc/${netns.pid}/ns/net`;
}
