import { existsSync } from 'node:fs';
import { chmod, type FileHandle, lstat, mkdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { DesktopSpec } from '../agent-api/desktop-spec.js';
import { PROJECT_ID } from '../ids.js';
import { isErrorCode } from '../storage/safe-path.js';
import { runCommand } from '../storage/unix-accounts.js';
import { type Launch, runInX, startPrograms, startXvnc } from './desktop-launch.js';
import { menuEntries, panelConfig } from './desktop-menu.js';
import { loadStates, type RunningDesktop, removeState, saveState, statePath } from './desktop-state.js';
import { shortcutName, updateProjectShortcuts } from './project-shortcuts.js';
import { ensureSessionAccount } from './session-account.js';
import { createSessionCgroup, removeSessionCgroup, type SessionLimits } from './session-cgroup.js';
import { prepareControlDir, prepareRuntimeDir, type SessionPaths, sessionPaths } from './session-files.js';
import { desktopGroup, desktopPasswd, desktopUserName } from './session-identity.js';
import { netnsInodeOf } from './session-process.js';
import { endSessionProcesses, processStatus } from './session-reaper.js';
import { sandboxHome } from './session-sandbox.js';
import { freeDisplay } from './x-display.js';

export { programsStarted } from './desktop-launch.js';
export { updateProjectShortcuts } from './project-shortcuts.js';

export interface DesktopHostOptions {
  /** Root-owned folder for per-session runtime dirs, e.g. /run/mona/sessions (made 0711 if missing). */
  runtimeRoot: string;
  /** The folder `session-host/` of this project (assets: menus, scripts, welcome window). */
  assetsDir: string;
  /** The Markdown files "MONA info" shows; by default the project's docs/user-guide.md beside assetsDir. */
  guides?: string[];
  /** What each desktop may use of the host's CPU and memory. */
  limits: SessionLimits;
  /** OpenGL (GLX) in the desktops' X servers. */
  openGl: boolean;
}

const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
// Displays picked by a start still waiting for its Xvnc to take them.
const claimedDisplays = new Set<number>();

export async function startDesktop(spec: DesktopSpec, options: DesktopHostOptions): Promise<RunningDesktop> {
  checkSpec(spec);
  await ensureSessionAccount(spec);
  await ensureRuntimeRoot(options.runtimeRoot);
  const paths = sessionPaths(options.runtimeRoot, spec.sessionId);
  if (existsSync(paths.runtimeDir) || existsSync(statePath(options.runtimeRoot, spec.sessionId))) {
    throw new Error(`session ${spec.sessionId} already has a desktop on this host`);
  }
  const { desktops } = await loadStates(options.runtimeRoot);
  const display = freeDisplay(new Set([...claimedDisplays, ...desktops.map((running) => running.display)]));
  claimedDisplays.add(display);
  const desktop: RunningDesktop = {
    sessionId: spec.sessionId,
    unixUser: spec.unixUser,
    uid: spec.uid,
    gid: spec.gid,
    display,
    vncSocket: paths.vncSocket,
    runtimeDir: paths.runtimeDir,
    controlSocket: paths.controlSocket,
    netnsInode: 0,
    xvncPid: 0,
    vncPassword: spec.vncPassword,
    startedAt: new Date().toISOString(),
  };
  const host = { passwd: await readFile('/etc/passwd', 'utf8'), group: await readFile('/etc/group', 'utf8') };
  const userName = desktopUserName(spec, host);
  // The session sees My Documents as its HOME, /home/<user>/My Documents; the host keeps it in the vault.
  const inside: DesktopSpec = { ...spec, myDocuments: sandboxHome(userName) };
  let log: FileHandle | undefined;
  try {
    const guides = options.guides ?? [resolve(options.assetsDir, '..', 'docs', 'user-guide.md')];
    log = await prepareRuntimeDir(paths, {
      uid: spec.uid,
      gid: spec.gid,
      display,
      vncPassword: spec.vncPassword,
      panel: panelConfig(menuEntries(inside, guides), spec.language),
      welcome: welcome(inside, userName),
    });
    await prepareControlDir(paths, spec.gid);
    const identity = await writeIdentityFiles(paths, spec, userName, host);
    await updateProjectShortcuts(spec);
    const cgroupProcs = await createSessionCgroup(spec.sessionId, options.limits);
    const mounts = {
      userName,
      myDocuments: spec.myDocuments,
      identity,
      projectsRoot: spec.projectsRoot,
      sessionDirs: [paths.runtimeDir, paths.controlDir],
      readOnly: [options.assetsDir, ...guides],
    };
    const launch: Launch = {
      spec: inside,
      paths,
      assetsDir: options.assetsDir,
      log: log.fd,
      cgroupProcs,
      mounts,
      openGl: options.openGl,
    };
    await startXvnc(desktop, launch);
    await saveState(options.runtimeRoot, desktop);
    // The first frame needs only Xvnc: the desktop is handed over while openbox starts the programs.
    await startPrograms(desktop, launch);
    return desktop;
  } catch (error) {
    throw await rollBack(desktop, error, log);
  } finally {
    claimedDisplays.delete(display);
    await log?.close();
  }
}

/**
 * Desktops whose state file is in runtimeRoot and whose Xvnc still runs: after an agent restart. Dead ones are
 * cleaned up and returned separately.
 */
export async function findDesktops(
  options: DesktopHostOptions,
): Promise<{ alive: RunningDesktop[]; dead: string[] /* session ids */ }> {
  const { desktops, unreadable } = await loadStates(options.runtimeRoot);
  const alive: RunningDesktop[] = [];
  const dead: string[] = [];
  for (const sessionId of unreadable) {
    await removeState(options.runtimeRoot, sessionId);
    dead.push(sessionId);
  }
  for (const desktop of desktops) {
    if (await isDesktopAlive(desktop)) {
      alive.push(desktop);
    } else {
      await stopDesktop(desktop);
      dead.push(desktop.sessionId);
    }
  }
  return { alive, dead };
}

export async function isDesktopAlive(desktop: RunningDesktop): Promise<boolean> {
  const xvnc = await processStatus(desktop.xvncPid);
  if (!xvnc || xvnc.zombie || xvnc.name !== 'Xvnc' || xvnc.uid !== desktop.uid) return false;
  return (await netnsInodeOf(desktop.xvncPid)) === desktop.netnsInode;
}

/**
 * Ends every process of the session (all of them, however they were started), removes its runtime dir.
 * Idempotent.
 */
export async function stopDesktop(desktop: RunningDesktop): Promise<void> {
  await endSessionProcesses(desktop);
  await removeRuntimeDir(desktop);
  await rm(dirname(desktop.controlSocket), { recursive: true, force: true });
  await removeSessionCgroup(desktop.sessionId);
  await removeState(dirname(desktop.runtimeDir), desktop.sessionId);
}

export async function setKeyboardLayout(desktop: RunningDesktop, layout: 'se' | 'us'): Promise<void> {
  if (layout !== 'se' && layout !== 'us') throw new Error(`not a keyboard layout of mona's: ${layout}`);
  await runInX(desktop, ['setxkbmap', '-layout', layout]);
}

/**
 * The desktop's /etc/passwd and /etc/group, in the control folder: root's, which the user reads but cannot
 * change (in the runtime dir, which is the user's, they could be swapped).
 */
async function writeIdentityFiles(
  paths: SessionPaths,
  spec: DesktopSpec,
  userName: string,
  host: { passwd: string; group: string },
): Promise<{ passwd: string; group: string }> {
  const files = { passwd: join(paths.controlDir, 'passwd'), group: join(paths.controlDir, 'group') };
  const user = { name: userName, uid: spec.uid, gid: spec.gid, home: sandboxHome(userName) };
  await writeFile(files.passwd, desktopPasswd(host.passwd, user), { mode: 0o644 });
  await writeFile(files.group, desktopGroup(host.group, user, spec.groups), { mode: 0o644 });
  return files;
}

function welcome(spec: DesktopSpec, userName: string): unknown {
  return {
    language: spec.language,
    // Said in the window only when the login name could not be the desktop's.
    unixName: userName === spec.username ? null : userName,
    myDocuments: spec.myDocuments,
    notices: spec.notices,
    projects: spec.projects.map((project) => ({
      id: project.id,
      name: project.name,
      shortcut: join(spec.myDocuments, shortcutName(project)),
    })),
  };
}

function checkSpec(spec: DesktopSpec): void {
  const { width, height } = spec.geometry;
  const problems = [
    !SESSION_ID.test(spec.sessionId) && 'session id',
    !/^[\x20-\x7e]{8}$/.test(spec.vncPassword) && 'VNC password',
    !['sv', 'en'].includes(spec.language) && 'language',
    !['se', 'us'].includes(spec.keyboard) && 'keyboard',
    !isAbsolute(spec.myDocuments) && 'My Documents',
    !isAbsolute(spec.projectsRoot) && 'projects folder',
    ![width, height].every((size) => Number.isInteger(size) && size >= 200 && size <= 8192) && 'geometry',
    spec.projects.some((project) => !PROJECT_ID.test(project.id) || !isAbsolute(project.folder)) &&
      'projects',
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`desktop spec ${spec.sessionId}: bad ${problems.join(', ')}`);
}

/** Made 0711 when missing (users pass through to their own runtime dir); refused if others could write in it. */
async function ensureRuntimeRoot(runtimeRoot: string): Promise<void> {
  if (await mkdir(runtimeRoot, { recursive: true, mode: 0o711 })) await chmod(runtimeRoot, 0o711);
  const info = await lstat(runtimeRoot);
  if (!info.isDirectory() || info.uid !== 0 || (info.mode & 0o022) !== 0) {
    throw new Error(`${runtimeRoot} must be a folder of root's that nobody else can write in`);
  }
}

/** The user's runtime dir is emptied as the user: root deleting in it could be led elsewhere by a link. */
async function removeRuntimeDir(desktop: RunningDesktop): Promise<void> {
  const info = await lstat(desktop.runtimeDir).catch(() => null);
  if (!info) return;
  if (info.uid === 0) {
    // A start that failed before handing it over: still root's alone.
    await rm(desktop.runtimeDir, { recursive: true, force: true });
    return;
  }
  const asUser = [`--reuid=${desktop.uid}`, `--regid=${desktop.gid}`, '--clear-groups', '--'];
  // A folder the user made read-only would keep its files.
  await runCommand('setpriv', [...asUser, 'chmod', '-R', 'u+rwx', desktop.runtimeDir]);
  await runCommand('setpriv', [...asUser, 'find', desktop.runtimeDir, '-mindepth', '1', '-delete']);
  await rmdir(desktop.runtimeDir).catch((error: unknown) => {
    if (!isErrorCode(error, 'ENOENT')) throw error;
  });
}

/** Ends what the failed start began; the error, with the end of the session's log. */
async function rollBack(
  desktop: RunningDesktop,
  error: unknown,
  log: FileHandle | undefined,
): Promise<Error> {
  const tail = log ? await logTail(log) : '';
  const cleanup = await stopDesktop(desktop).then(
    () => '',
    (cleanupError: unknown) => `\n(and cleaning up failed: ${(cleanupError as Error).message})`,
  );
  const message = `desktop of session ${desktop.sessionId} did not start: ${(error as Error).message}`;
  return new Error(`${message}${cleanup}${tail && `\nsession log:\n${tail}`}`, { cause: error });
}

async function logTail(log: FileHandle): Promise<string> {
  const { size } = await log.stat();
  const length = Math.min(size, 2000);
  const { buffer } = await log.read(Buffer.alloc(length), 0, length, size - length);
  return buffer.toString('utf8');
}
