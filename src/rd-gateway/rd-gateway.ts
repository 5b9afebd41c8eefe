import type { Socket } from 'node:net';
import { createServer, type Server } from 'node:tls';
import { type Actor, recordAudit } from '../audit/audit-service.js';
import { type AgentAccess, agentFor, type DesktopDeps } from '../desktop/desktop-deps.js';
import { connectionClosed, connectionOpened, keepConnectionAlive } from '../desktop/session-connections.js';
import type { CountryGate } from '../entry/approved-country.js';
import { HandshakeSlots } from './handshake-slots.js';
import { consumeGatewayToken } from './rdp-grants.js';
import { type GatewayPolicy, serveGatewayConnection, type TunnelEnd } from './tsgu/gateway-connection.js';
import { HttpTransportPairs } from './tsgu/http-pairs.js';

export interface RdGatewayDeps extends AgentAccess, Pick<DesktopDeps, 'portalTimeouts'> {
  gate: CountryGate;
  now: () => Date;
  /** R25, told to the client in the tunnel-auth answer. */
  idleTimeoutMinutes: number;
  maxConnections: number;
  /** Connections one client address may have in their handshake (TLS, then MS-TSGU until the tunnel is authorised). */
  maxHandshakesPerAddress: number;
  /** A quiet tunnel's keepalive interval (desktop.rdp.keepaliveMilliseconds). */
  keepaliveMs: number;
}

/** `::ffff:192.0.2.10` is 192.0.2.10: grants and the country gate know plain IPv4. */
function plainAddress(address: string | undefined): string {
  return address?.startsWith('::ffff:') ? address.slice(7) : (address ?? '');
}

/**
 * mona's RD gateway (MS-TSGU over TLS, by WebSocket or the HTTP transport's two connections), for RDP clients opening a single-use .rdp file: each
 * tunnel spends the file's token, may reach only its session's host, and goes there through the host's
 * agent. Connections are bounded in number, per address while in their handshake, and in handshake time, and
 * every tunnel is audited with its bytes.
 */
export function createRdGateway(deps: RdGatewayDeps, tls: { cert: Buffer; key: Buffer }): Server {
  // Clients that cannot upgrade to a WebSocket open two connections, paired here.
  const httpPairs = new HttpTransportPairs();
  const handshakes = handshakeLimit(deps.maxHandshakesPerAddress);
  const server = createServer({ ...tls, handshakeTimeout: 10_000 }, (socket) => {
    const clientIp = plainAddress(socket.remoteAddress);
    const handshakeDone = handshakes.doneFor(socket);
    let session: { id: string; host: string; userId: string; username: string } | null = null;
    let tracked: { close(reason: string): Promise<void> } | null = null;
    const policy: GatewayPolicy = {
      consumeToken: async (token, ip) => {
        // An address outside the approved countries spends nothing.
        const verdict = deps.gate.check(ip);
        if (!verdict.allowed) return { refused: 'country-not-approved' };
        const granted = await consumeGatewayToken(deps.db, token, ip, deps.now());
        if (!granted.ok) return { refused: granted.reason };
        handshakeDone();
        const { sessionId, hostName, userId, username } = granted.grant;
        session = { id: sessionId, host: hostName, userId, username };
        return { id: granted.grant.sessionId, host: granted.grant.host, port: granted.grant.port };
      },
      connect: async () => {
        const agent = session ? await agentFor(deps, session.host) : null;
        if (!agent || !session) throw new Error('no agent for the session host');
        const relay = await agent.openRelay(session.id, 'rdp');
        try {
          tracked = await trackConnection(deps, session, clientIp);
        } catch (error) {
          relay.destroy();
          throw error;
        }
        return relay;
      },
      idleTimeoutMinutes: deps.idleTimeoutMinutes,
      handshakeTimeoutMs: 15_000,
      maxBufferedBytes: 4 * 1024 * 1024,
      keepaliveMs: deps.keepaliveMs,
      httpPairs,
    };
    void serveGatewayConnection(socket, clientIp, policy).then(async (end) => {
      handshakeDone();
      // Its RDG_OUT_DATA connection carries the tunnel, and audits it.
      if (end.outcome === 'joined') return;
      await tracked?.close(end.reason).catch(() => {});
      await auditTunnel(deps, clientIp, session, end).catch(() => {
        // The tunnel is over; a failed audit write is logged by the database's own means.
      });
    });
  });
  server.maxConnections = deps.maxConnections;
  server.on('connection', handshakes.admit);
  return server;
}

/**
 * Each address's connections in their handshake: a TCP connection takes a place as it is accepted, before
 * TLS, or is closed at once; it gives it back when its tunnel is authorised, or when it ends. The TLS socket
 * the connection handler sees wraps the TCP one, which has the same address and port.
 */
function handshakeLimit(perAddress: number) {
  const slots = new HandshakeSlots(perAddress);
  const held = new Map<string, () => void>();
  const keyOf = (socket: Socket) => `${socket.remoteAddress}:${socket.remotePort}`;
  return {
    admit: (tcp: Socket) => {
      const giveBack = slots.take(plainAddress(tcp.remoteAddress));
      if (!giveBack) {
        tcp.destroy();
        return;
      }
      const key = keyOf(tcp);
      const done = () => {
        if (held.get(key) === done) held.delete(key);
        giveBack();
      };
      held.set(key, done);
      tcp.once('close', done);
    },
    /** What gives back the place of the connection `socket` wraps, once its handshake is over. */
    doneFor: (socket: Socket) => held.get(keyOf(socket)) ?? (() => {}),
  };
}

/**
 * A tunnel is a connection to the session like the browser's: while it is open the session is connected
 * (R26 does not count down) and the user's portal session stays alive (R30).
 */
async function trackConnection(
  deps: RdGatewayDeps,
  session: { id: string; userId: string; username: string },
  ip: string,
) {
  const actor: Actor = { id: session.userId, label: session.username };
  const connectionId = await connectionOpened(
    deps,
    { id: session.id, user_id: session.userId },
    { via: 'rdp', ip, actor },
  );
  const stopKeepalive = await keepConnectionAlive(deps, connectionId, session.userId);
  return {
    close: async (reason: string) => {
      stopKeepalive();
      await connectionClosed(deps, connectionId, reason, actor);
    },
  };
}

async function auditTunnel(
  deps: RdGatewayDeps,
  ip: string,
  session: { id: string; userId: string; username: string } | null,
  end: TunnelEnd,
): Promise<void> {
  await deps.db.transaction().execute((trx) =>
    recordAudit(
      trx,
      {
        actor: session ? { id: session.userId, label: session.username } : { id: null, label: 'anonymous' },
        action: end.outcome === 'refused' ? 'desktop.rdp_tunnel_refused' : 'desktop.rdp_tunnel',
        ...(session ? { target: { type: 'desktop_session', id: session.id } } : {}),
        ...(ip ? { ip } : {}),
        details: { outcome: end.outcome, reason: end.reason, bytesIn: end.bytesIn, bytesOut: end.bytesOut },
      },
      deps.now(),
    ),
  );
}
