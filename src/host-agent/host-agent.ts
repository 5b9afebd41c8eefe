import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { ProjectsChange, StartAnswer } from '../agent-api/agent-requests.js';
import type { DesktopSpec } from '../agent-api/desktop-spec.js';
import type { RelayKind } from '../agent-api/relay.js';
import { newToken } from '../identity/tokens.js';
import { createAgentServer } from './agent-server.js';
import { listenControlSocket } from './control-socket.js';
import {
  type DesktopHostOptions,
  findDesktops,
  isDesktopAlive,
  programsStarted,
  setKeyboardLayout,
  startDesktop,
  stopDesktop,
  updateProjectShortcuts,
} from './desktop-session.js';
import type { RunningDesktop } from './desktop-state.js';
import { PlatformClient } from './platform-client.js';
import { type RdpSettings, type RunningRdp, startRdp } from './rdp/rdp-service.js';
import { closeRemovedProjects } from './removed-project-closer.js';
import { missingLimits } from './session-cgroup.js';

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
  for (const problem of missingLimits(options.limits)) {
    options.logger.warn({ problem }, 'desktops run without a limit this host cannot set');
  }
  const agent = new HostAgent(options);
  await agent.adoptDesktops();
  const url = await agent.listen();
  if (options.rdp) await agent.startRdp(options.rdp);
  agent.startReporting();
  return { url, stop: () => agent.stop() };
}

/** The agent's state: the desktops it hosts or is starting, its xrdp, and its standing with the platform. */
class HostAgent {
  private readonly logger: Logger;
  private readonly platform: PlatformClient;
  /** What the platform must show to be served; given to it at registration. */
  private readonly token = newToken();
  private readonly hosted = new Map<string, Hosted>();
  private readonly starting = new Set<string>();
  private readonly server: Server;
  private url = '';
  private rdp: RunningRdp | null = null;
  private registered = false;
  private reporting = Promise.resolve();
  private reportTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: HostAgentOptions) {
    this.logger = options.logger;
    this.platform = new PlatformClient(options.platformUrl, options.name, options.secret);
    this.server = createAgentServer(
      this.token,
      {
        start: (spec) => this.start(spec),
        end: (sessionId) => this.end(sessionId),
        setKeyboard: (sessionId, layout) => this.setKeyboard(sessionId, layout),
        setProjects: (sessionId, change) => this.setProjects(sessionId, change),
        relayTarget: (sessionId, kind) => this.relayTarget(sessionId, kind),
      },
      (error) => this.logger.error({ err: error }, 'agent request failed'),
      options.tls,
    );
  }

  /** The desktops a previous agent left running. */
  async adoptDesktops(): Promise<void> {
    const adopted = await findDesktops(this.options);
    for (const desktop of adopted.alive) await this.host(desktop);
    if (adopted.alive.length > 0 || adopted.dead.length > 0) {
      this.logger.info(
        { adopted: adopted.alive.length, gone: adopted.dead.length },
        'desktops found at start',
      );
    }
  }

  /** Serves the platform; answers the URL the platform is told to reach the agent at. */
  async listen(): Promise<string> {
    const { server, options } = this;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.listenPort, options.listenHost, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const shownHost = options.listenHost.includes(':') ? `[${options.listenHost}]` : options.listenHost;
    this.url = options.advertiseUrl ?? `${options.tls ? 'https' : 'http'}://${shownHost}:${port}/`;
    return this.url;
  }

  async startRdp(settings: RdpSettings): Promise<void> {
    const { logger } = this;
    this.rdp = await startRdp(settings, {
      desktopOf: (sessionId) => this.hosted.get(sessionId)?.desktop,
      logon: (unixUser, secret) => this.platform.logon(unixUser, secret),
      logger,
    }).catch((error: Error) => {
      // The browser path still works: the platform hands out no RDP files for this host.
      logger.error({ err: error.message }, 'xrdp did not start: no RDP files for this host');
      return null;
    });
    if (this.rdp) logger.info({ port: this.rdp.port }, 'xrdp running for RDP files');
  }

  /** Reports now, then every heartbeat, one report at a time. */
  startReporting(): void {
    const tick = () => {
      this.reporting = this.report().catch((error: Error) =>
        this.logger.warn({ err: error.message }, 'report to the platform failed'),
      );
    };
    tick();
    this.reportTimer = setInterval(() => {
      if (!this.stopped) this.reporting.then(tick);
    }, this.options.heartbeatSeconds * 1000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.reportTimer);
    await this.reporting;
    for (const entry of this.hosted.values()) entry.control.close();
    await this.rdp?.stop();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
  }

  /** Serves the desktop's control socket (Log out, licences) on behalf of its session. */
  private async host(desktop: RunningDesktop): Promise<void> {
    const { platform } = this;
    const control = await listenControlSocket(desktop.controlSocket, desktop, {
      logout: async () => {
        await platform.logout(desktop.sessionId);
        await this.end(desktop.sessionId);
      },
      checkOut: (software) => platform.checkOut(desktop.sessionId, software),
      giveBack: (leaseId) => platform.giveBack(desktop.sessionId, leaseId),
    });
    this.hosted.set(desktop.sessionId, { desktop, control });
  }

  private async start(spec: DesktopSpec): Promise<StartAnswer> {
    const existing = this.hosted.get(spec.sessionId);
    if (existing) return { display: existing.desktop.display };
    this.starting.add(spec.sessionId);
    try {
      const desktop = await startDesktop(spec, this.options);
      await this.host(desktop);
      this.logger.info(
        { session: spec.sessionId, user: spec.unixUser, display: desktop.display },
        'desktop started',
      );
      // A desktop whose programs never start is of no use: ended, its host stops reporting it, and the
      // platform ends the session as lost.
      programsStarted(desktop).catch(async (error: unknown) => {
        this.logger.error({ session: spec.sessionId, err: error }, 'desktop programs did not start');
        await this.end(spec.sessionId).catch(() => undefined);
      });
      return { display: desktop.display };
    } finally {
      this.starting.delete(spec.sessionId);
    }
  }

  private async end(sessionId: string): Promise<void> {
    const entry = this.hosted.get(sessionId);
    if (!entry) return;
    this.hosted.delete(sessionId);
    entry.control.close();
    await stopDesktop(entry.desktop);
    this.logger.info({ session: sessionId }, 'desktop ended');
  }

  private async setKeyboard(sessionId: string, layout: 'se' | 'us'): Promise<boolean> {
    const entry = this.hosted.get(sessionId);
    if (!entry) return false;
    await setKeyboardLayout(entry.desktop, layout);
    return true;
  }

  private async setProjects(sessionId: string, change: ProjectsChange): Promise<boolean> {
    const entry = this.hosted.get(sessionId);
    if (!entry) return false;
    const { uid, gid } = entry.desktop;
    await updateProjectShortcuts({ myDocuments: change.myDocuments, projects: change.projects, uid, gid });
    const allowed = change.projects.map((project) => project.id);
    const killed = await closeRemovedProjects(entry.desktop, change.projectsRoot, allowed);
    this.logger.info({ session: sessionId, projects: allowed, killed }, 'desktop projects changed');
    return true;
  }

  private relayTarget(sessionId: string, kind: RelayKind) {
    const desktop = this.hosted.get(sessionId)?.desktop;
    if (!desktop) return null;
    if (kind === 'vnc') return { path: desktop.vncSocket };
    return this.rdp ? { host: '127.0.0.1', port: this.rdp.port } : null;
  }

  /**
   * Tells the platform what runs here (registering first, and again when another agent took this host's
   * name), and stops what the platform says it ended. Desktops that died are ended first.
   */
  private async report(): Promise<void> {
    const { logger } = this;
    for (const [sessionId, entry] of this.hosted) {
      if (!(await isDesktopAlive(entry.desktop))) {
        logger.warn({ session: sessionId }, 'desktop died');
        await this.end(sessionId);
      }
    }
    const body = {
      agentUrl: this.url,
      agentToken: this.token,
      capacity: this.options.capacity,
      sessions: [...this.hosted.keys(), ...this.starting],
      rdpPort: this.rdp?.port ?? null,
    };
    const answer = await this.platform
      .report(this.registered ? 'report' : 'register', body)
      .catch((error) => {
        // A platform that forgot this agent's token (another agent registered as this host) is told again.
        if (error.status === 409) this.registered = false;
        throw error;
      });
    if (!this.registered)
      logger.info({ platform: this.options.platformUrl, url: this.url }, 'registered with the platform');
    this.registered = true;
    for (const sessionId of answer.stop) if (!this.starting.has(sessionId)) await this.end(sessionId);
  }
}
