import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { PROJECT_ID, USERNAME } from '../ids.js';

// Accounts and groups of the operating system, through its own tools and without a database: session hosts'
// agents use this as well as the platform. Which ids they get is unix-id-allocation.ts's business.

// What Debian's useradd and groupadd take without --badname, within utmp's 32 characters.
const UNIX_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;

/**
 * The Unix account of a mona user. Names without '_' of up to 30 characters keep their spelling, dots
 * becoming underscores ("anna.berg" → "m-anna_berg"), which is one-to-one because '_' was not in them.
 * Any other name gets "mh-", its first 20 characters and a hash, so that "a.b" and "a_b" stay apart.
 */
export function unixUserName(username: string): string {
  if (!USERNAME.test(username)) throw new Error(`not a mona username: ${username}`);
  if (!username.includes('_') && username.length <= 30) return `m-${username.replaceAll('.', '_')}`;
  const hash = createHash('sha256').update(username).digest('hex').slice(0, 8);
  return `mh-${username.slice(0, 20).replaceAll('.', '_')}-${hash}`;
}

/** The Unix group of a project's members: "mona-p0001". */
export function unixGroupName(projectId: string): string {
  if (!PROJECT_ID.test(projectId)) throw new Error(`not a project id: ${projectId}`);
  return `mona-${projectId.toLowerCase()}`;
}

/** Adds the group unless it exists; refuses to reuse a name or a gid that something else already has. */
export async function ensureUnixGroup(name: string, gid: number): Promise<void> {
  checkUnixName(name);
  if (await groupExists(name, gid)) return;
  try {
    await runCommand('groupadd', ['-g', String(gid), name]);
  } catch (error) {
    // Another process may have added the same group in between.
    if (!(await groupExists(name, gid))) throw error;
  }
}

/**
 * Adds the account unless it exists, with a personal group of the same name and number as its primary group
 * (so that a file it leaves in /tmp with group read is still only its own), no password and no login shell;
 * then adds it to those of `groups` it is not in. Refuses a name or uid that another account already has.
 * Answers the account's groups.
 */
export async function ensureUnixUser(
  name: string,
  uid: number,
  home: string,
  groups: string[],
): Promise<string[]> {
  checkUnixName(name);
  groups.forEach(checkUnixName);
  await ensureUnixGroup(name, uid);
  const account = await userEntry(name, uid);
  if (!account) {
    try {
      await runCommand('useradd', [
        '-u',
        String(uid),
        '-g',
        String(uid),
        '-N',
        '-d',
        home,
        '-M',
        '-s',
        NOLOGIN,
        '-c',
        MONA_GECOS,
        name,
      ]);
    } catch (error) {
      if (!(await userEntry(name, uid))) throw error;
    }
  } else if (account.home !== home) {
    // usermod refuses while the account runs a desktop; desktops are given their home themselves, so the
    // entry can wait until the account is idle.
    await runCommand('usermod', ['-d', home, name]).catch((error: Error) => {
      if (!/currently used by process/.test(error.message)) throw error;
    });
  }
  const current = await unixGroupsOf(name);
  const missing = groups.filter((group) => !current.includes(group));
  // usermod rewrites the account files under their lock, which every desktop start would otherwise queue on.
  if (missing.length > 0) await runCommand('usermod', ['-aG', missing.join(','), name]);
  return [...current, ...missing];
}

/** The names of the account's groups, its personal group first. */
export async function unixGroupsOf(name: string): Promise<string[]> {
  checkUnixName(name);
  return (await runCommand('id', ['-nG', name])).trim().split(/\s+/);
}

/** Takes the account out of the group, as when a member leaves a project; nothing if it is not in it. */
export async function removeFromGroup(name: string, group: string): Promise<void> {
  checkUnixName(name);
  checkUnixName(group);
  const entry = await getent('group', group);
  if (!entry) throw new Error(`no Unix group ${group}`);
  if ((entry[3] ?? '').split(',').includes(name)) await runCommand('gpasswd', ['-d', name, group]);
}

export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

export class CommandError extends Error {
  constructor(
    readonly exitCode: number | null,
    message: string,
    /** What the command wrote before it failed. */
    readonly stdout = '',
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

const NOLOGIN = '/usr/sbin/nologin';
// Marks the accounts mona made, so that a reinstall on the same host adopts them instead of clashing.
export const MONA_GECOS = 'mona user';
// The system's own tools, whatever PATH the service was started with; C locale for messages we can quote.
const COMMAND_ENV = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' };
const run = promisify(execFile);

/** Runs a system tool without a shell; its stdout, or a CommandError quoting its stderr. */
export async function runCommand(command: string, args: string[], timeoutMs = 30_000): Promise<string> {
  try {
    const { stdout } = await run(command, args, {
      env: COMMAND_ENV,
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    return stdout;
  } catch (error) {
    const { code, killed, stdout, stderr } = error as {
      code?: number | string;
      killed?: boolean;
      stdout?: string;
      stderr?: string;
    };
    const what = `${command} ${args.join(' ')}`;
    if (killed) throw new CommandError(null, `${what}: no answer within ${timeoutMs / 1000} s`);
    if (typeof code !== 'number') throw error;
    throw new CommandError(code, `${what}: ${stderr?.trim() || `exit status ${code}`}`, stdout);
  }
}

function checkUnixName(name: string): void {
  if (!UNIX_NAME.test(name)) throw new Error(`not a valid Unix user or group name: ${name}`);
}

/** The fields of a passwd or group entry, looked up by name or number, or null when there is none. */
export async function getent(database: 'passwd' | 'group', key: string): Promise<string[] | null> {
  try {
    return (await runCommand('getent', [database, key])).trim().split(':');
  } catch (error) {
    if (error instanceof CommandError && error.exitCode === 2) return null;
    throw error;
  }
}

/**
 * The entries of a name and of a number, in one lookup: getent prints an entry per key it finds (the same one
 * twice when both name it) and answers 2 when it misses any.
 */
async function entriesOf(database: 'passwd' | 'group', name: string, id: number) {
  const output = await runCommand('getent', [database, name, String(id)]).catch((error: unknown) => {
    if (error instanceof CommandError && error.exitCode === 2) return error.stdout;
    throw error;
  });
  const entries = output
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(':'));
  return {
    byName: entries.find((entry) => entry[0] === name) ?? null,
    byId: entries.find((entry) => entry[2] === String(id)) ?? null,
  };
}

async function groupExists(name: string, gid: number): Promise<boolean> {
  const { byName, byId } = await entriesOf('group', name, gid);
  if (byName && byName[2] !== String(gid)) {
    throw new Error(`Unix group ${name} already exists with gid ${byName[2]}, not ${gid}`);
  }
  if (byId && byId[0] !== name) {
    throw new Error(`gid ${gid} already belongs to Unix group ${byId[0]}, not ${name}`);
  }
  return byName !== null;
}

async function userEntry(name: string, uid: number): Promise<{ home: string } | null> {
  const { byName, byId } = await entriesOf('passwd', name, uid);
  if (byName && byName[2] !== String(uid)) {
    throw new Error(`Unix user ${name} already exists with uid ${byName[2]}, not ${uid}`);
  }
  if (byId && byId[0] !== name) {
    throw new Error(`uid ${uid} already belongs to Unix user ${byId[0]}, not ${name}`);
  }
  return byName ? { home: byName[5] ?? '' } : null;
}
