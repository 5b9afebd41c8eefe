import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, chown, mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  renderPamService,
  renderSesmanIni,
  renderXrdpIni,
  SESMAN_PORT,
  type XrdpSettings,
} from './xrdp-config.js';

const run = promisify(execFile);

export interface XrdpPaths {
  /** Gets xrdp.ini and sesman.ini; both programs take their path with --config. */
  configDir: string;
  /** PAM has no per-program configuration directory: sesman always uses this service. */
  pamFile?: string;
  /** The installed session-host/xrdp/mona-pam-logon. */
  pamHelper: string;
  agentSocket?: string;
}

export interface RunningXrdp {
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

async function idOf(flag: '-u' | '-g', name: string): Promise<number> {
  return Number((await run('id', [flag, name])).stdout.trim());
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Resolves once `child` accepts connections on host:port; rejects if it exits first. xrdp built
 * with IPv6 binds 127.0.0.1 as ::1, so loopback is tried both ways.
 */
async function listening(child: ChildProcess, name: string, host: string, port: number): Promise<void> {
  const hosts = host === '127.0.0.1' ? [host, '::1'] : [host];
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (!(await Promise.all(hosts.map((each) => canConnect(each, port)))).includes(true)) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited at startup`);
    if (Date.now() > deadline) throw new Error(`${name} did not listen on ${host}:${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Each in its own process group, so stopping xrdp also ends its per-connection children. */
function launch(command: string, args: string[], user?: { uid: number; gid: number }): ChildProcess {
  const child = spawn(command, args, { detached: true, stdio: 'ignore', ...user });
  child.on('error', () => {});
  return child;
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** A log file the unprivileged xrdp can append to. */
async function logFileFor(path: string, uid: number, gid: number): Promise<void> {
  await (await open(path, 'a', 0o640)).close();
  await chown(path, uid, gid);
}

/**
 * An agent killed outright leaves its xrdp and sesman running (they are detached), holding their ports:
 * the next start ends them, by the process groups it recorded, if they are still those programs.
 */
async function endLeftovers(pidFile: string): Promise<void> {
  const pids = (await readFile(pidFile, 'utf8').catch(() => '')).split(/\s+/).filter(Boolean).map(Number);
  for (const pid of pids.filter((each) => Number.isInteger(each) && each > 1)) {
    const name = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
    if (name !== 'xrdp' && name !== 'xrdp-sesman') continue;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Gone in between.
    }
  }
  if (pids.length > 0) await new Promise((resolve) => setTimeout(resolve, 500));
}

/**
 * Writes the configuration, then starts sesman (as root: it runs PAM, whose helper talks to the
 * agent's root-only socket) and xrdp (as the xrdp user, as Debian's service does). Needs root.
 * The key file must be readable by the xrdp user.
 */
export async function startXrdp(settings: XrdpSettings, paths: XrdpPaths): Promise<RunningXrdp> {
  const xrdpUser = { uid: await idOf('-u', 'xrdp'), gid: await idOf('-g', 'xrdp') };
  await mkdir(paths.configDir, { recursive: true });
  await chmod(paths.configDir, 0o755);
  const xrdpIni = join(paths.configDir, 'xrdp.ini');
  const sesmanIni = join(paths.configDir, 'sesman.ini');
  await writeFile(xrdpIni, renderXrdpIni(settings), { mode: 0o644 });
  await writeFile(sesmanIni, renderSesmanIni(settings), { mode: 0o644 });
  await writeFile(
    paths.pamFile ?? '/etc/pam.d/xrdp-sesman',
    renderPamService(paths.pamHelper, paths.agentSocket),
  );
  await mkdir(settings.logDir, { recursive: true });
  await logFileFor(join(settings.logDir, 'xrdp.log'), xrdpUser.uid, xrdpUser.gid);
  // Creates /run/xrdp and its socket directory, which systemd would otherwise prepare.
  await run('sh', ['/usr/share/xrdp/socksetup']);
  const pidFile = join(paths.configDir, 'pids');
  await endLeftovers(pidFile);
  for (const [host, port] of [
    ['127.0.0.1', settings.listenPort],
    ['127.0.0.1', SESMAN_PORT],
    ['::1', SESMAN_PORT],
  ] as const) {
    if (await canConnect(host, port)) {
      throw new Error(
        `port ${port} on ${host} is taken by another program: Debian's own xrdp service? (systemctl disable --now xrdp xrdp-sesman)`,
      );
    }
  }

  const sesman = launch('/usr/sbin/xrdp-sesman', ['--nodaemon', '--config', sesmanIni]);
  const xrdp = launch('/usr/sbin/xrdp', ['--nodaemon', '--config', xrdpIni], xrdpUser);
  await writeFile(pidFile, `${sesman.pid ?? ''} ${xrdp.pid ?? ''}\n`, { mode: 0o600 });
  const stop = async () => {
    await Promise.all([stopGroup(xrdp), stopGroup(sesman)]);
  };
  try {
    await listening(sesman, 'xrdp-sesman', '127.0.0.1', SESMAN_PORT);
    await listening(xrdp, 'xrdp', settings.listenAddress, settings.listenPort);
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
