import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startX, type XServer } from '../../../test/x-server.js';
import { vncPasswordFile } from '../../rfb/vnc-auth.js';
import { sessionHostAssets } from '../assets.js';
import { pendingLogin } from './pending-logins.js';
import { type RfbRouter, type RfbRouterEvent, startRfbRouter } from './rfb-router.js';
import { type RunningXrdp, startXrdp } from './xrdp-process.js';

const PAM_FILE = '/etc/pam.d/xrdp-sesman';
const HELPER = join(sessionHostAssets(), 'xrdp', 'mona-pam-logon');
const VNC_PASSWORD = 'vncpw123';
const SECRET = 'Rdp-logon-secret-1';
const USER = 'nobody'; // exists everywhere, is not root, and passes the PAM account stack
const RDP_PORT = 33389;

const isRoot = process.getuid?.() === 0;
const ready =
  isRoot && ['/usr/sbin/xrdp', '/usr/bin/Xvnc', '/usr/bin/xfreerdp', '/usr/bin/Xvfb'].every(existsSync);

// Real xrdp, sesman (with our PAM helper), Xvnc and xfreerdp: the whole RDP logon path on one host.
describe.skipIf(!ready)('xrdp through the RFB router (root, real xrdp)', () => {
  let dir: string;
  let savedPam: string | null;
  let xvnc: ChildProcess;
  let xvfb: XServer;
  let agent: Server;
  let router: RfbRouter;
  let xrdp: RunningXrdp;
  const events: RfbRouterEvent[] = [];
  const logons: { user: string; accepted: boolean }[] = [];

  beforeAll(async () => {
    savedPam = existsSync(PAM_FILE) ? readFileSync(PAM_FILE, 'utf8') : null;
    dir = mkdtempSync(join(tmpdir(), 'mona-xrdp-'));
    chmodSync(dir, 0o755);
    const vncSocket = join(dir, 'vnc.sock');
    writeFileSync(join(dir, 'vncpasswd'), vncPasswordFile(VNC_PASSWORD));
    const x = await startX('/usr/bin/Xvnc', [
      ...['-rfbunixpath', vncSocket, '-rfbport', '-1', '-nolisten', 'tcp', '-geometry', '800x600'],
      ...['-SecurityTypes', 'VncAuth', '-rfbauth', join(dir, 'vncpasswd')],
    ]);
    xvnc = x.child;
    xvfb = await startX('/usr/bin/Xvfb', ['-nolisten', 'tcp', '-screen', '0', '1024x768x24']);

    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=mona-test'],
        ...['-keyout', keyFile, '-out', certFile],
      ],
      { stdio: 'ignore' },
    );
    chownSync(keyFile, 0, Number(execFileSync('id', ['-g', 'xrdp']).toString()));
    chmodSync(keyFile, 0o640);

    router = await startRfbRouter({
      port: 0,
      socketOf: (session) => (session === 's1' ? vncSocket : undefined),
      passwordOf: (session) => (session === 's1' ? VNC_PASSWORD : undefined),
      onConnection: (event) => events.push(event),
    });
    // The agent's logon endpoint, as the PAM helper sees it.
    agent = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const { user, secret } = JSON.parse(body) as { user: string; secret: string };
        const accepted = request.url === '/logon' && user === USER && secret === SECRET;
        logons.push({ user, accepted });
        if (accepted) router.expect(pendingLogin('s1', secret));
        response.writeHead(accepted ? 200 : 403).end();
      });
    });
    const agentSocket = join(dir, 'agent.sock');
    agent.listen(agentSocket);
    await once(agent, 'listening');
    chmodSync(agentSocket, 0o600);

    xrdp = await startXrdp(
      {
        listenAddress: '127.0.0.1',
        listenPort: RDP_PORT,
        certFile,
        keyFile,
        routerPort: router.port,
        logDir: dir,
      },
      { configDir: join(dir, 'etc'), pamHelper: HELPER, agentSocket },
    );
  }, 30_000);

  afterAll(async () => {
    await xrdp?.stop();
    await router?.close();
    agent?.close();
    xvnc?.kill();
    xvfb?.child.kill();
    if (savedPam !== null) writeFileSync(PAM_FILE, savedPam);
    rmSync(dir, { recursive: true, force: true });
  }, 15_000);

  function xfreerdp(password: string): ChildProcess {
    const args = [`/v:127.0.0.1:${RDP_PORT}`, `/u:${USER}`, `/p:${password}`, '/cert:ignore'];
    const child = spawn('timeout', ['20', 'xfreerdp', ...args], {
      env: { ...process.env, DISPLAY: `:${xvfb.display}` },
      stdio: 'ignore',
    });
    return child;
  }

  it('refuses a wrong secret at PAM, before any VNC connection', async () => {
    const client = xfreerdp('not-the-secret');
    await expect.poll(() => logons.length, { timeout: 10_000 }).toBe(1);
    expect(logons[0]).toEqual({ user: USER, accepted: false });
    client.kill();
    await once(client, 'exit');
    expect(events).toEqual([]);
  }, 15_000);

  it('logs in with the secret and reaches the desktop', async () => {
    const client = xfreerdp(SECRET);
    await expect
      .poll(() => events[0], { timeout: 10_000 })
      .toMatchObject({ type: 'connected', sessionId: 's1' });
    // xrdp's VNC module logs this once ServerInit has come through the router.
    await expect
      .poll(() => readFileSync(join(dir, 'xrdp.log'), 'utf8'), { timeout: 5_000 })
      .toContain('VNC connection complete, connected ok');
    client.kill();
    await expect.poll(() => events.at(-1)?.type, { timeout: 5_000 }).toBe('disconnected');
  }, 20_000);
});
