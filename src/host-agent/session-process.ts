import { execFile, spawn } from 'node:child_process';
import { readFile, readlink } from 'node:fs/promises';
import { promisify } from 'node:util';
import { joinArguments, type SandboxMounts, sandboxArguments } from './session-sandbox.js';

/** Who a desktop's processes run as, and where: the same for all of them. */
export interface SessionIdentity {
  uid: number;
  gid: number;
  /** Supplementary group ids: the user's projects. */
  groups: number[];
  /**
   * The session's first process (Xvnc) makes its sandbox (see session-sandbox.ts); the others join that of a
   * process of the session, checked by its network namespace's inode.
   */
  sandbox: { mounts: SandboxMounts } | { pid: number; inode: number };
  /** The working directory, inside the sandbox. */
  cwd: string;
  /** The `cgroup.procs` files of the session's cgroups; none on a host without cgroups. */
  cgroupProcs: string[];
}

// Root's part of every session process, in one shell that then execs away (the pid stays the program's):
// joining the session's cgroups before anything can fork.
const ROOT_SHELL = 'for procs in $1; do echo $$ > "$procs" || exit 1; done && shift && exec "$@"';
// The user's part, once the user: the umask, inherited through the execs that follow (bwrap makes its folders
// with root's), and the working directory, which root without capabilities may not enter.
const USER_SHELL = 'umask 0007 && cd "$1" && shift && exec "$@"';

// bubblewrap reads its arguments from this descriptor: the session's `ps` shows no host path of its making.
const ARGUMENTS_FD = 3;

/** `/bin/sh`'s arguments for running the program in the session as its user (exported for its test). */
export async function sessionCommandLine(
  identity: SessionIdentity,
  program: string[],
  { lasting }: { lasting: boolean },
): Promise<string[]> {
  const joining = 'pid' in identity.sandbox;
  const enter =
    'pid' in identity.sandbox
      ? ['/usr/bin/nsenter', ...joinArguments(await checkedPid(identity.sandbox)), '--']
      : ['/usr/bin/bwrap', '--args', String(ARGUMENTS_FD), '--'];
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
  const userShell = ['/bin/sh', '-c', USER_SHELL, 'mona-user', identity.cwd];
  // nsenter waits for its child as root, outside the sandbox's processes: a lasting program leaves it at once
  // for the sandbox's init to adopt.
  const leaveNsenter = joining && lasting ? ['/usr/bin/setsid', '--fork'] : [];
  return [
    '-c',
    ROOT_SHELL,
    'mona-launch',
    identity.cgroupProcs.join(' '),
    ...enter,
    ...dropPrivileges,
    ...leaveNsenter,
    ...userShell,
    ...program,
  ];
}

/**
 * Starts a long-lived program of the session, detached from the agent (own session, output to the session's
 * log) so that it outlives an agent restart. Resolves with the pid of its launcher (bwrap or nsenter, whose
 * child it is) once that runs.
 */
export async function startInSession(
  identity: SessionIdentity,
  program: string[],
  options: { env: NodeJS.ProcessEnv; log: number; onExit?: (how: string) => void },
): Promise<number> {
  const sandbox = 'mounts' in identity.sandbox ? sandboxArguments(identity.sandbox.mounts) : null;
  const child = spawn('/bin/sh', await sessionCommandLine(identity, program, { lasting: true }), {
    env: options.env,
    cwd: '/',
    detached: true,
    stdio: ['ignore', options.log, options.log, ...(sandbox ? ['pipe' as const] : [])],
  });
  await new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  if (sandbox) (child.stdio[ARGUMENTS_FD] as NodeJS.WritableStream).end(nulTerminated(sandbox));
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
    const { stdout } = await run('/bin/sh', await sessionCommandLine(identity, program, { lasting: false }), {
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

/** The pid, once checked to still be in the session's network namespace: it may have gone by now. */
async function checkedPid(session: { pid: number; inode: number }): Promise<number> {
  if ((await netnsInodeOf(session.pid)) !== session.inode) {
    throw new Error(`process ${session.pid} is no longer in the session's network namespace`);
  }
  return session.pid;
}

/** The children of a process (from /proc, which lists them once each has its own task). */
export async function childPids(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return text.split(' ').filter(Boolean).map(Number);
}

function nulTerminated(words: string[]): Buffer {
  return Buffer.from(words.map((word) => `${word}\0`).join(''));
}
