import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, chown, type FileHandle, lchown, mkdir, open, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { vncPasswordFile } from '../rfb/vnc-auth.js';
import { runCommand } from '../storage/unix-accounts.js';

/** The files of one session. All but the control folder are in the runtime dir, which is the user's. */
export interface SessionPaths {
  runtimeDir: string;
  xauthority: string;
  vncPasswordFile: string;
  vncSocket: string;
  log: string;
  welcome: string;
  /** Made by the desktop once its programs were started. */
  programsStarted: string;
  configHome: string;
  cacheHome: string;
  /** root:<user's group> 0750: only the user reaches the socket, and cannot swap it for anything. */
  controlDir: string;
  controlSocket: string;
}

export function sessionPaths(runtimeRoot: string, sessionId: string): SessionPaths {
  const runtimeDir = join(runtimeRoot, sessionId);
  const controlDir = join(runtimeRoot, `${sessionId}.control`);
  return {
    runtimeDir,
    xauthority: join(runtimeDir, 'Xauthority'),
    vncPasswordFile: join(runtimeDir, 'vncpasswd'),
    vncSocket: join(runtimeDir, 'vnc.sock'),
    log: join(runtimeDir, 'session.log'),
    welcome: join(runtimeDir, 'welcome.json'),
    programsStarted: join(runtimeDir, 'programs-started'),
    configHome: join(runtimeDir, 'config'),
    cacheHome: join(runtimeDir, 'cache'),
    controlDir,
    controlSocket: join(controlDir, 'control.sock'),
  };
}

export interface SessionFiles {
  uid: number;
  gid: number;
  display: number;
  vncPassword: string;
  panel: string;
  welcome: unknown;
}

/**
 * Makes the runtime dir with everything the session reads, and hands it to the user only at the end: while
 * root writes, no process of the user's can swap a file for a link. Returns the session's log, opened.
 */
export async function prepareRuntimeDir(paths: SessionPaths, files: SessionFiles): Promise<FileHandle> {
  await mkdir(paths.runtimeDir, { mode: 0o700 });
  const panelDir = join(paths.configHome, 'lxpanel', 'mona', 'panels');
  await mkdir(panelDir, { recursive: true, mode: 0o700 });
  await mkdir(join(paths.configHome, 'libfm'), { mode: 0o700 });
  await mkdir(paths.cacheHome, { mode: 0o700 });
  await writeFile(join(panelDir, 'panel'), files.panel, { mode: 0o600 });
  // pcmanfm's "Open in terminal".
  await writeFile(join(paths.configHome, 'libfm', 'libfm.conf'), '[config]\nterminal=xterm -e %s\n', {
    mode: 0o600,
  });
  await writeFile(paths.welcome, JSON.stringify(files.welcome), { mode: 0o600 });
  await writeFile(paths.vncPasswordFile, vncPasswordFile(files.vncPassword), { mode: 0o600 });
  const cookie = randomBytes(16).toString('hex');
  await runCommand('xauth', ['-f', paths.xauthority, 'add', `:${files.display}`, '.', cookie]);
  await chmod(paths.xauthority, 0o600);
  const log = await open(paths.log, constants.O_RDWR | constants.O_CREAT | constants.O_APPEND, 0o600);
  for (const entry of await readdir(paths.runtimeDir, { recursive: true })) {
    await lchown(join(paths.runtimeDir, entry), files.uid, files.gid);
  }
  await chown(paths.runtimeDir, files.uid, files.gid);
  return log;
}

/** The folder of the agent's control socket for this session; see `SessionPaths.controlDir`. */
export async function prepareControlDir(paths: SessionPaths, gid: number): Promise<void> {
  await mkdir(paths.controlDir, { mode: 0o750 });
  await chown(paths.controlDir, 0, gid);
}
