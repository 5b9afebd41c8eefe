import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import type { Db } from '../db/connect.js';
import { addHost, isKnownHost, rotateHostSecret } from '../desktop/host-registry.js';
import { missingHostPackages } from '../host-agent/host-packages.js';
import { generateSessionLocales, localeAdvice } from '../host-agent/session-locale.js';
import { generateSelfSignedTlsCertificate } from '../rd-gateway/rdp-file/signing-certificate.js';
import { runningAsRoot } from '../storage/unix-accounts.js';
import { selfSignedFiles } from './rdp.js';

export const LOCAL_HOST = 'local';

export type LocalHostState = { running: true; logFile: string } | { running: false; why: string };

/**
 * As root, installs what a session host needs on the first run, showing apt's progress. Answers the
 * packages still missing.
 */
export function installHostPackages(log: (line: string) => void): string[] {
  const missing = missingHostPackages();
  if (missing.length === 0 || !runningAsRoot()) return missing;
  log(`installing the Debian packages of the desktop (first run only): ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env,
  });
  return missingHostPackages();
}

/** The local host's secret, kept beside the data it protects; a lost file gets a new secret. */
async function localSecret(db: Db, dataDir: string): Promise<string> {
  const file = join(dataDir, 'host-agent.secret');
  const known = await isKnownHost(db, LOCAL_HOST);
  if (known && existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = known
    ? await rotateHostSecret(db, LOCAL_HOST, SYSTEM_ACTOR)
    : await addHost(db, LOCAL_HOST, 10, SYSTEM_ACTOR);
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** Unix socket paths are short (108 bytes): a short folder per data dir, so two installations never mix. */
export function localRuntimeDir(dataDir: string): string {
  return `/run/mona/${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`;
}

/**
 * `mona start` runs a session host on this machine: `mona host-agent` as a child process, so that it is
 * the same program as on a real host. Desktops outlive it, and the next start adopts them.
 */
export async function startLocalHost(
  db: Db,
  dataDir: string,
  platformUrl: string,
  logger: Logger,
  options: { rdp: boolean },
): Promise<{ state: LocalHostState; stop: () => Promise<void> }> {
  const none = async () => {};
  if (!runningAsRoot()) {
    return {
      state: {
        running: false,
        why: 'desktops need mona to run as root (sudo npm start, or sudo mona start)',
      },
      stop: none,
    };
  }
  const missing = installHostPackages((line) => process.stdout.write(`${line}\n`));
  if (missing.length > 0) {
    const why = `missing Debian packages; install them with: apt-get install --no-install-recommends ${missing.join(' ')}`;
    return { state: { running: false, why }, stop: none };
  }
  const missingLocales = await generateSessionLocales((line) => process.stdout.write(`${line}\n`));
  if (missingLocales.length > 0) {
    return { state: { running: false, why: localeAdvice(missingLocales) }, stop: none };
  }
  const secret = await localSecret(db, dataDir);
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const logFile = join(dataDir, 'logs', 'host-agent.log');
  const out = openSync(logFile, 'a');
  const runtimeDir = localRuntimeDir(dataDir);
  const child: ChildProcess = spawn(
    process.execPath,
    [fileURLToPath(new URL('../cli/main.js', import.meta.url)), 'host-agent', '--data-dir', dataDir],
    {
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        MONA_HOST_AGENT__NAME: LOCAL_HOST,
        MONA_HOST_AGENT__PLATFORM_URL: platformUrl,
        MONA_HOST_AGENT__SECRET: secret,
        MONA_HOST_AGENT__LISTEN_PORT: '0',
        MONA_HOST_AGENT__HEARTBEAT_SECONDS: '5',
        MONA_HOST_AGENT__RUNTIME_DIR: runtimeDir,
        ...(options.rdp ? xrdpEnvironment(dataDir) : {}),
      },
    },
  );
  child.on('exit', (code, signal) => {
    if (!stopping) logger.error({ code, signal, logFile }, 'the local host agent stopped');
  });
  let stopping = false;
  return {
    state: { running: true, logFile },
    stop: async () => {
      stopping = true;
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The local host's xrdp, with a self-signed certificate of its own, logging beside the agent. */
function xrdpEnvironment(dataDir: string): Record<string, string> {
  const tls = selfSignedFiles(dataDir, 'xrdp', () => generateSelfSignedTlsCertificate(LOCAL_HOST));
  return {
    MONA_HOST_AGENT__RDP__CERT_FILE: tls.certFile,
    MONA_HOST_AGENT__RDP__KEY_FILE: tls.keyFile,
    MONA_HOST_AGENT__RDP__LOG_DIR: join(dataDir, 'logs'),
  };
}
