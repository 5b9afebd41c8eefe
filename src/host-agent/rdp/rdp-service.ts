import { execFile } from 'node:child_process';
import { chmod, chown, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import { sessionHostAssets } from '../assets.js';
import { readJsonBody, sendJson } from '../json-http.js';
import { type PendingLogin, pendingLogin } from './pending-logins.js';
import { type RfbRouterEvent, startRfbRouter } from './rfb-router.js';
import { type RunningXrdp, startXrdp } from './xrdp-process.js';

const run = promisify(execFile);

/** One xrdp per machine: its PAM service and sesman's port are the machine's, so its files are too. */
export const XRDP_RUNTIME_DIR = '/run/mona/xrdp';
const UNIX_USER = /^[a-z_][a-z0-9_-]{0,31}$/;
const LOGON_SECRET = /^[0-9a-f]{48}$/;

export interface RdpSettings {
  certFile: string;
  keyFile: string;
  port: number;
  logDir: string;
}

/** What the RDP path needs to know of the agent's desktops and of the platform. */
export interface RdpHosting {
  /** The running desktop of a session on this host. */
  desktopOf(sessionId: string): { unixUser: string; vncSocket: string; vncPassword?: string } | undefined;
  /** Spends the logon secret at the platform; the session it opens and its idle limit (R25), or null. */
  logon(unixUser: string, secret: string): Promise<{ sessionId: string; idleSeconds: number } | null>;
  logger: Logger;
}

export interface RunningRdp {
  port: number;
  stop(): Promise<void>;
}

/**
 * The session host's side of RDP files: xrdp on loopback (reached only through the agent's relay), whose
 * PAM step hands the file's logon secret to this agent over a root-only socket. The agent has the platform
 * spend it, then lets xrdp's VNC connection through the router to that session's own Xvnc: the same
 * desktop the browser shows.
 */
export async function startRdp(settings: RdpSettings, hosting: RdpHosting): Promise<RunningRdp> {
  const { logger } = hosting;
  await mkdir(XRDP_RUNTIME_DIR, { recursive: true, mode: 0o755 });
  await chmod(XRDP_RUNTIME_DIR, 0o755);
  const files = await installFiles(settings);

  const router = await startRfbRouter({
    port: 0,
    socketOf: (sessionId) => hosting.desktopOf(sessionId)?.vncSocket,
    passwordOf: (sessionId) => hosting.desktopOf(sessionId)?.vncPassword,
    onConnection: (event) => logRouterEvent(logger, event),
  });
  let logons: Server | undefined;
  let xrdp: RunningXrdp | undefined;
  const stop = async () => {
    await xrdp?.stop();
    logons?.close();
    await router.close();
  };
  try {
    logons = await listenLogonSocket(
      files.logonSocket,
      acceptLogon(hosting, (login) => router.expect(login)),
    );
    xrdp = await startXrdp(
      {
        listenAddress: '127.0.0.1',
        listenPort: settings.port,
        certFile: files.certFile,
        keyFile: files.keyFile,
        routerPort: router.port,
        logDir: settings.logDir,
      },
      { configDir: XRDP_RUNTIME_DIR, pamHelper: files.pamHelper, agentSocket: files.logonSocket },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { port: settings.port, stop };
}

/**
 * What a logon secret from PAM opens: the platform spends it, and the session it names must run here as that
 * user; then one xrdp connection with that secret may into the session, with the platform's idle limit (R25).
 */
export function acceptLogon(hosting: RdpHosting, expect: (login: PendingLogin) => void) {
  return async (user: string, secret: string): Promise<boolean> => {
    const logon = await hosting.logon(user, secret);
    const desktop = logon ? hosting.desktopOf(logon.sessionId) : undefined;
    const accepted = logon !== null && desktop?.unixUser === user;
    if (accepted) expect(pendingLogin(logon.sessionId, secret, Date.now(), logon.idleSeconds * 1000));
    hosting.logger.info({ user, session: logon?.sessionId, accepted }, 'RDP logon');
    return accepted;
  };
}

/**
 * Copies of the certificate, key and PAM helper that xrdp and PAM can use and nobody else can change: the
 * key readable by the xrdp group only, the helper (run by PAM as root) root's.
 */
async function installFiles(settings: RdpSettings) {
  const xrdpGroup = Number((await run('id', ['-g', 'xrdp'])).stdout.trim());
  const certFile = join(XRDP_RUNTIME_DIR, 'cert.pem');
  const keyFile = join(XRDP_RUNTIME_DIR, 'key.pem');
  const pamHelper = join(XRDP_RUNTIME_DIR, 'mona-pam-logon');
  await writeFile(certFile, await readFile(settings.certFile), { mode: 0o644 });
  await rm(keyFile, { force: true });
  await writeFile(keyFile, await readFile(settings.keyFile), { mode: 0o600 });
  await chown(keyFile, 0, xrdpGroup);
  await chmod(keyFile, 0o640);
  await copyFile(join(sessionHostAssets(), 'xrdp', 'mona-pam-logon'), pamHelper);
  await chmod(pamHelper, 0o755);
  await mkdir(settings.logDir, { recursive: true, mode: 0o750 });
  return { certFile, keyFile, pamHelper, logonSocket: join(XRDP_RUNTIME_DIR, 'logon.sock') };
}

/** `POST /logon {user, secret}` from the PAM helper, on a socket only root may open. */
export async function listenLogonSocket(
  path: string,
  accept: (user: string, secret: string) => Promise<boolean>,
): Promise<Server> {
  await rm(path, { force: true });
  const server = createServer((request, response) => {
    answerLogon(request, response, accept).catch(() => sendJson(response, 500));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  await chmod(path, 0o600);
  return server;
}

async function answerLogon(
  request: IncomingMessage,
  response: ServerResponse,
  accept: (user: string, secret: string) => Promise<boolean>,
): Promise<void> {
  if (request.method !== 'POST' || request.url !== '/logon') return sendJson(response, 404);
  const body = (await readJsonBody(request, 1024)) as { user?: unknown; secret?: unknown } | undefined;
  const { user, secret } = body ?? {};
  // Anything but a user name and a well-formed secret is refused without asking the platform.
  if (
    typeof user !== 'string' ||
    !UNIX_USER.test(user) ||
    typeof secret !== 'string' ||
    !LOGON_SECRET.test(secret)
  )
    return sendJson(response, 403);
  sendJson(response, (await accept(user, secret)) ? 200 : 403);
}

function logRouterEvent(logger: Logger, event: RfbRouterEvent): void {
  if (event.type === 'connected') logger.info({ session: event.sessionId }, 'RDP connection to the desktop');
  else if (event.type === 'disconnected')
    logger.info(
      { session: event.sessionId, ms: event.durationMs, reason: event.reason },
      'RDP connection closed',
    );
  else logger.warn(event, 'RDP connection refused at the desktop');
}
