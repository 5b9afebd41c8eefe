import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { newToken } from '../identity/tokens.js';
import { createAgentServer } from './agent-server.js';
import { listenControlSocket } from './control-socket.js';
import {
  type DesktopHostOptions,
  findDesktops,
  isDesktopAlive,
  setKeyboardLayout,
  startDesktop,
  stopDesktop,
  updateProjectShortcuts,
} from './desktop-session.js';
import type { RunningDesktop } from './desktop-state.js';
import { PlatformClient } from './platform-client.js';
import { closeRemovedProjects } from './project-access.js';
import { type RdpSettings, type RunningRdp, startRdp } from './rdp/rdp-service.js';

export interface HostAgentOptions extends DesktopHostOptions {
  name: string;
  platformUrl: string;
  secret: string;
  listenHost: string;
  listenPort: number;
  advertiseUrl: string | null;
  capacity: number;
  heartbeatSeconds: number;
  /** xrdp for RDP files, or null for none on this host. */
  rdp: RdpSettings | null;
  /** Serve the platform over https with this certificate and key. */
  tls: { cert: Buffer; key: Buffer } | null;
  logger: Logger;
}

export interface RunningAgent {
  url: string;
  stop(): Promise<void>;
}

interface Hosted {
  desktop: RunningDesktop;
  control: Server;
}

/**
 * `mona host-agent`: runs desktops on this host for the platform. Desktops are detached from the agent, so
 * they outlive it; a restarted agent adopts those still running and reports them, and the platform ends
 * as lost whatever it does not report.
 */
export async function startHostAgent(options: HostAgentOptions): Promise<RunningAgent> {
  const { logger } = options;
  const platform = new PlatformClient(options.platformUrl, options.name, options.secret);
  const token = newToken();
  const hosted = new Map<string, Hosted>();
  const starting = new Set<string>();
  let rdp: RunningRdp | null = null;

  const host = async (desktop: RunningDesktop) => {
    const control = await listenControlSocket(desktop.controlSocket, desktop, {
      logout: async () => {
        await platform.logout(desktop.sessionId);
        await end(desktop.sessionId);
      },
      checkOut: (software) => platform.checkOut(desktop.sessionId, software),
      giveBack: (leaseId) => platform.giveBack(desktop.sessionId, leaseId),
    });
    hosted.set(desktop.sessionId, { desktop, control });
  };

  const end = async (sessionId: string) => {
    const entry = hosted.get(sessionId);
    if (!entry) return;
    hosted.delete(sessionId);
    entry.control.close();
    await stopDesktop(entry.desktop);
    logger.info({ session: sessionId }, 'desktop ended');
  };

  const adopted = await findDesktops(options);
  for (const desktop of adopted.alive) await host(desktop);
  if (adopted.alive.length > 0 || adopted.dead.length > 0) {
    logger.info({ adopted: adopted.alive.length, gone: adopted.dead.length }, 'desktops found at start');
  }

  const server = createAgentServer(
    token,
    {
      start: async (spec) => {
        const existing = hosted.get(spec.sessionId);
        if (existing) return { display: existing.desktop.display };
        starting.add(spec.sessionId);
        try {
          const desktop = await startDesktop(spec, options);
          await host(desktop);
          logger.info(
            { session: spec.sessionId, user: spec.unixUser, display: desktop.display },
            'desktop started',
          );
          return { display: desktop.display };
        } finally {
          starting.delete(spec.sessionId);
        }
      },
      end,
      setKeyboard: async (sessionId, layout) => {
        const entry = hosted.get(sessionId);
        if (!entry) return false;
        await setKeyboardLayout(entry.desktop, layout);
        return true;
      },
      setProjects: async (sessionId, change) => {
        const entry = hosted.get(sessionId);
        if (!entry) return false;
        const { uid, gid } = entry.desktop;
        await updateProjectShortcuts({
          myDocuments: change.myDocuments,
          projects: change.projects,
          uid,
          gid,
        });
        const allowed = change.projects.map((project) => project.id);
        const killed = await closeRemovedProjects(entry.desktop, change.projectsRoot, allowed);
        logger.info({ session: sessionId, projects: allowed, killed }, 'desktop projects changed');
        return true;
      },
      relayTarget: (sessionId, kind) => {
        const desktop = hosted.get(sessionId)?.desktop;
        if (!desktop) return null;
        if (kind === 'vnc') return { path: desktop.vncSocket };
        return rdp ? { host: '127.0.0.1', port: rdp.port } : null;
      },
    },
    (error) => logger.error({ err: error }, 'agent request failed'),
    options.tls,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listenPort, options.listenHost, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.listenHost.includes(':') ? `[${options.listenHost}]` : options.listenHost;
  const url = options.advertiseUrl ?? `${options.tls ? 'https' : 'http'}://${shownHost}:${port}/`;

  if (options.rdp) {
    rdp = await startRdp(options.rdp, {
      desktopOf: (sessionId) => hosted.get(sessionId)?.desktop,
      logon: (unixUser, secret) => platform.logon(unixUser, secret),
      logger,
    }).catch((error: Error) => {
      // The browser path still works: the platform hands out no RDP files for this host.
      logger.error({ err: error.message }, 'xrdp did not start: no RDP files for this host');
      return null;
    });
    if (rdp) logger.info({ port: rdp.port }, 'xrdp running for RDP files');
  }

  let registered = false;
  const report = async () => {
    for (const [sessionId, entry] of hosted) {
      if (!(await isDesktopAlive(entry.desktop))) {
        logger.warn({ session: sessionId }, 'desktop died');
        await end(sessionId);
      }
    }
    const sessions = [...hosted.keys(), ...starting];
    const body = {
      agentUrl: url,
      agentToken: token,
      capacity: options.capacity,
      sessions,
      rdpPort: rdp?.port ?? null,
    };
    const answer = await platform.report(registered ? 'report' : 'register', body).catch((error) => {
      // A platform that forgot this agent's token (another agent registered as this host) is told again.
      if (error.status === 409) registered = false;
      throw error;
    });
    if (!registered) logger.info({ platform: options.platformUrl, url }, 'registered with the platform');
    registered = true;
    for (const sessionId of answer.stop) if (!starting.has(sessionId)) await end(sessionId);
  };

  let reporting = Promise.resolve();
  let stopped = false;
  const tick = () => {
    reporting = report().catch((error: Error) =>
      logger.warn({ err: error.message }, 'report to the platform failed'),
    );
  };
  tick();
  const timer = setInterval(() => {
    if (!stopped) reporting.then(tick);
  }, options.heartbeatSeconds * 1000);

  return {
    url,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await reporting;
      for (const entry of hosted.values()) entry.control.close();
      await rdp?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
