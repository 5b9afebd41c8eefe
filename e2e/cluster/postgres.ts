import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { findFreePort } from '../../src/net/ports.js';

const run = promisify(execFile);
const DEBIAN_POSTGRESQL = '/usr/lib/postgresql';

/** The newest of Debian's PostgreSQL servers (package `postgresql`), or null when none is installed. */
export function debianPostgresBin(): string | null {
  const versions = existsSync(DEBIAN_POSTGRESQL)
    ? readdirSync(DEBIAN_POSTGRESQL)
        .filter((version) => existsSync(join(DEBIAN_POSTGRESQL, version, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions[0] ? join(DEBIAN_POSTGRESQL, versions[0], 'bin') : null;
}

export interface PostgresServer {
  /** The two roles of docs/operations.md ("An external PostgreSQL"), on the database `mona`. */
  ownerUrl: string;
  appUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * A private PostgreSQL cluster of Debian's server in `dir`, run by the system user `postgres` on a free
 * loopback port (not the system's own cluster or service), with the database and roles made as an
 * operator makes them for mona.
 */
export async function startPostgres(dir: string): Promise<PostgresServer> {
  const bin = debianPostgresBin();
  if (!bin) throw new Error('Debian PostgreSQL is not installed: bash scripts/system-deps.sh test');
  const { uid, gid } = await systemUser('postgres');
  // The server's own folder: its data, log and socket, the system user's alone.
  const home = join(dir, 'postgres');
  mkdirSync(home, { mode: 0o700 });
  chownSync(home, uid, gid);
  const data = join(home, 'data');
  const superuserPassword = randomBytes(18).toString('base64url');
  const passwordFile = join(home, 'superuser-password');
  writeFileSync(passwordFile, superuserPassword, { mode: 0o600 });
  chownSync(passwordFile, uid, gid);
  const asPostgres = (program: string, args: string[]) =>
    run('runuser', ['-u', 'postgres', '--', join(bin, program), ...args], { cwd: home });

  await asPostgres('initdb', [
    ...['-D', data, '-U', 'postgres', '--pwfile', passwordFile],
    ...['--auth', 'scram-sha-256', '--encoding', 'UTF8', '--locale', 'C.UTF-8'],
  ]);
  const port = await findFreePort('127.0.0.1');
  const settings = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${home}`;
  const logFile = join(home, 'server.log');
  await asPostgres('pg_ctl', ['-D', data, '-l', logFile, '-o', settings, '-w', 'start']);
  const stop = async () => {
    await asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => {});
  };
  try {
    const url = (user: string, password: string, database: string) =>
      `postgres://${user}:${password}@127.0.0.1:${port}/${database}`;
    const owner = randomBytes(18).toString('base64url');
    const app = randomBytes(18).toString('base64url');
    await asSuperuser(url('postgres', superuserPassword, 'postgres'), [
      `CREATE ROLE mona_owner LOGIN PASSWORD '${owner}'`,
      `CREATE ROLE mona_app LOGIN PASSWORD '${app}'`,
      'CREATE DATABASE mona OWNER mona_owner',
    ]);
    await asSuperuser(url('postgres', superuserPassword, 'mona'), [
      'ALTER SCHEMA public OWNER TO mona_owner',
      'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
    ]);
    return {
      ownerUrl: url('mona_owner', owner, 'mona'),
      appUrl: url('mona_app', app, 'mona'),
      logFile,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function asSuperuser(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

async function systemUser(name: string): Promise<{ uid: number; gid: number }> {
  const { stdout } = await run('getent', ['passwd', name]);
  const [, , uid, gid] = stdout.trim().split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
