import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { PROJECT_ID } from './vault-paths.js';

const MONA_USERNAME = /^[a-z][a-z0-9._-]{1,31}$/;
// What Debian's useradd and groupadd take without --badname, within utmp's 32 characters.
const UNIX_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;

/**
 * The Unix account of a mona user. Names without '_' of up to 30 characters keep their spelling, dots
 * becoming underscores ("anna.berg" → "m-anna_berg"), which is one-to-one because '_' was not in them.
 * Any other name gets "mh-", its first 20 characters and a hash, so that "a.b" and "a_b" stay apart.
 */
export function unixUserName(username: string): string {
  if (!MONA_USERNAME.test(username)) throw new Error(`not a mona username: ${username}`);
  if (!username.includes('_') && username.length <= 30) return `m-${username.replaceAll('.', '_')}`;
  const hash = createHash('sha256').update(username).digest('hex').slice(0, 8);
  return `mh-${username.slice(0, 20).replaceAll('.', '_')}-${hash}`;
}

/** The Unix group of a project's members: "mona-p0001". */
export function unixGroupName(projectId: string): string {
  if (!PROJECT_ID.test(projectId)) throw new Error(`not a project id: ${projectId}`);
  return `mona-${projectId.toLowerCase()}`;
}

/**
 * The user's uid, allocated once and then the same forever. An account of
 * this user that mona made earlier on this host (a reinstalled data dir) is
 * adopted with its uid; otherwise the next number of unix_uid_seq that no
 * account or group on this host has. Of two concurrent callers, the first to
 * write wins.
 */
export async function allocateUid(db: Db, userId: string): Promise<number> {
  const user = await db
    .selectFrom('users')
    .select(['username', 'unix_uid'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw new Error(`no user ${userId}`);
  if (user.unix_uid !== null) return user.unix_uid;
  const existing = await getent('passwd', unixUserName(user.username));
  const adopted = existing && existing[4] === MONA_GECOS ? Number(existing[2]) : null;
  const candidate = adopted ?? (await freeId(db, 'unix_uid_seq', ['passwd', 'group']));
  await db
    .updateTable('users')
    .set({ unix_uid: candidate })
    .where('id', '=', userId)
    .where('unix_uid', 'is', null)
    .execute();
  const row = await db
    .selectFrom('users')
    .select('unix_uid')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.unix_uid as number;
}

/** The project's gid, allocated once like allocateUid (a group "mona-<id>" on this host is adopted). */
export async function allocateGid(db: Db, projectId: string): Promise<number> {
  const project = await db
    .selectFrom('projects')
    .select('unix_gid')
    .where('id', '=', projectId)
    .executeTakeFirst();
  if (!project) throw new Error(`no project ${projectId}`);
  if (project.unix_gid !== null) return project.unix_gid;
  const existing = await getent('group', unixGroupName(projectId));
  const candidate = existing ? Number(existing[2]) : await freeId(db, 'unix_gid_seq', ['group']);
  await db
    .updateTable('projects')
    .set({ unix_gid: candidate })
    .where('id', '=', projectId)
    .where('unix_gid', 'is', null)
    .execute();
  const row = await db
    .selectFrom('projects')
    .select('unix_gid')
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow();
  return row.unix_gid as number;
}

/** The next number of the sequence that nothing on this host uses yet. */
async function freeId(
  db: Db,
  sequence: 'unix_uid_seq' | 'unix_gid_seq',
  databases: ('passwd' | 'group')[],
): Promise<number> {
  for (;;) {
    const { rows } = await sql<{ id: number }>`SELECT nextval(${sequence}::regclass)::int AS id`.execute(db);
    const id = rows[0]?.id as number;
    const taken = await Promise.all(databases.map((database) => getent(database, String(id))));
    if (taken.every((entry) => entry === null)) return id;
  }
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
 * then adds it to `groups`. Refuses a name or uid that another account already has.
 */
export async function ensureUnixUser(
  name: string,
  uid: number,
  home: string,
  groups: string[],
): Promise<void> {
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
  if (groups.length > 0) await runCommand('usermod', ['-aG', groups.join(','), name]);
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
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

const NOLOGIN = '/usr/sbin/nologin';
// Marks the accounts mona made, so that a reinstall on the same host adopts them instead of clashing.
const MONA_GECOS = 'mona user';
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
    const { code, killed, stderr } = error as { code?: number | string; killed?: boolean; stderr?: string };
    const what = `${command} ${args.join(' ')}`;
    if (killed) throw new CommandError(null, `${what}: no answer within ${timeoutMs / 1000} s`);
    if (typeof code !== 'number') throw error;
    throw new CommandError(code, `${what}: ${stderr?.trim() || `exit status ${code}`}`);
  }
}

function checkUnixName(name: string): void {
  if (!UNIX_NAME.test(name)) throw new Error(`not a valid Unix user or group name: ${name}`);
}

/** The fields of a passwd or group entry, looked up by name or number, or null when there is none. */
async function getent(database: 'passwd' | 'group', key: string): Promise<string[] | null> {
  try {
    return (await runCommand('getent', [database, key])).trim().split(':');
  } catch (error) {
    if (error instanceof CommandError && error.exitCode === 2) return null;
    throw error;
  }
}

async function groupExists(name: string, gid: number): Promise<boolean> {
  const [byName, byId] = await Promise.all([getent('group', name), getent('group', String(gid))]);
  if (byName && byName[2] !== String(gid)) {
    throw new Error(`Unix group ${name} already exists with gid ${byName[2]}, not ${gid}`);
  }
  if (byId && byId[0] !== name) {
    throw new Error(`gid ${gid} already belongs to Unix group ${byId[0]}, not ${name}`);
  }
  return byName !== null;
}

async function userEntry(name: string, uid: number): Promise<{ home: string } | null> {
  const [byName, byId] = await Promise.all([getent('passwd', name), getent('passwd', String(uid))]);
  if (byName && byName[2] !== String(uid)) {
    throw new Error(`Unix user ${name} already exists with uid ${byName[2]}, not ${uid}`);
  }
  if (byId && byId[0] !== name) {
    throw new Error(`uid ${uid} already belongs to Unix user ${byId[0]}, not ${name}`);
  }
  return byName ? { home: byName[5] ?? '' } : null;
}
