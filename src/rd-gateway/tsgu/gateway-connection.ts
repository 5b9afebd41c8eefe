import type { Duplex } from 'node:stream';
import { type ClientLink, httpLink, httpOutResponse, websocketLink } from './client-link.js';
import { CONNECTION_ID, type HttpTransportPairs } from './http-pairs.js';
import { quietKeepalive } from './quiet-keepalive.js';
import { parseRequestHead, RequestHeadError, upgradeResponse } from './request-head.js';
import {
  E_PROXY_CAPABILITYMISMATCH,
  E_PROXY_COOKIE_AUTHENTICATION_ACCESS_DENIED,
  E_PROXY_INTERNALERROR,
  E_PROXY_RAP_ACCESSDENIED,
  HTTP_CAPABILITY_IDLE_TIMEOUT,
  HTTP_EXTENDED_AUTH_PAA,
  HTTP_TUNNEL_REDIR_DISABLE_ALL,
  S_OK,
} from './tsgu-codes.js';
import { dataPacketHead, encodeTsguPacket, type TsguPacket, TsguReader } from './tsgu-packets.js';

/** What a gateway access token (the PAA cookie) grants: one channel to one session host's RDP port. */
export interface TunnelGrant {
  id: string;
  host: string;
  port: number;
}

export interface GatewayPolicy {
  /** Uses the token up, whatever follows; answers the grant, or why not (for the audit log). */
  consumeToken(token: string, clientIp: string): Promise<TunnelGrant | { refused: string }>;
  /** A byte stream to the grant's RDP server. */
  connect(grant: TunnelGrant): Promise<Duplex>;
  /** R25: minutes without input after which the client should disconnect. */
  idleTimeoutMinutes: number;
  handshakeTimeoutMs: number;
  /** Bytes queued towards either side before the other side is paused. */
  maxBufferedBytes: number;
  /** A keepalive goes to the client after this long without anything else (see quiet-keepalive.ts). */
  keepaliveMs: number;
  /** Pairs the HTTP transport's two connections; without it only WebSocket clients are served. */
  httpPairs?: HttpTransportPairs;
}

export type TunnelEnd = {
  grant: string | null;
  /** joined: an RDG_IN_DATA connection handed to its RDG_OUT_DATA connection, whose tunnel it now is. */
  outcome: 'relayed' | 'refused' | 'failed' | 'joined';
  reason: string;
  bytesIn: number;
  bytesOut: number;
};

const SERVER_VERSION = 1;
const KEEPALIVE = encodeTsguPacket({ type: 'KEEPALIVE' });
/** DATA carries a u16 length: the target's bytes are cut to this. */
const MAX_DATA = 0xffff;
type Stage = 'head' | 'waiting-in' | 'handshake' | 'tunnel' | 'auth' | 'channel' | 'data';
const BAD_REQUEST = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

type Packet<T extends TsguPacket['type']> = Extract<TsguPacket, { type: T }>;

/**
 * One RDP client's connection to the gateway: the HTTP head (a WebSocket upgrade, or one of the HTTP
 * transport's two requests), then MS-TSGU: handshake, tunnel (the token is spent here), tunnel auth (every
 * redirection off, the idle timeout), one channel to the grant's host and port only, then RDP bytes both
 * ways. Any other packet, order or size ends it.
 */
export function serveGatewayConnection(
  client: Duplex,
  clientIp: string,
  policy: GatewayPolicy,
): Promise<TunnelEnd> {
  return new GatewayConnection(client, clientIp, policy).ended;
}

/** The state of one connection; `stage` says what may come next, and each step moves it on. */
class GatewayConnection {
  readonly ended: Promise<TunnelEnd>;
  private resolveEnd: (end: TunnelEnd) => void = () => {};
  private stage: Stage = 'head';
  private head: Buffer = Buffer.alloc(0);
  private link: ClientLink | null = null;
  /** The connection id of an RDG_IN_DATA connection whose first request was answered. */
  private inChannelOf: string | null = null;
  private grant: TunnelGrant | null = null;
  private target: Duplex | null = null;
  private bytesIn = 0;
  private bytesOut = 0;
  private finished: TunnelEnd | null = null;
  private keepalive: { sent(): void; stop(): void } | null = null;
  private readonly packets = new TsguReader();
  /** Packets are handled in order; a step that awaits (the token, the connection) holds the next ones back. */
  private queue = Promise.resolve();
  private readonly handshakeTimer: NodeJS.Timeout;

  constructor(
    private readonly client: Duplex,
    private readonly clientIp: string,
    private readonly policy: GatewayPolicy,
  ) {
    this.ended = new Promise<TunnelEnd>((resolve) => {
      this.resolveEnd = resolve;
    });
    this.handshakeTimer = setTimeout(
      () => this.end('refused', 'handshake timed out'),
      policy.handshakeTimeoutMs,
    );
    client.on('data', this.onClientData);
    client.on('error', this.onClientError);
    client.on('close', this.onClientClose);
  }

  private end(outcome: TunnelEnd['outcome'], reason: string): void {
    if (this.finished) return;
    const { bytesIn, bytesOut } = this;
    this.finished = { grant: this.grant?.id ?? null, outcome, reason, bytesIn, bytesOut };
    clearTimeout(this.handshakeTimer);
    this.keepalive?.stop();
    if (outcome !== 'joined') {
      if (this.link) {
        this.link.close();
      } else {
        this.client.end();
        setTimeout(() => this.client.destroy(), 1000).unref();
      }
      this.target?.destroy();
    }
    this.resolveEnd(this.finished);
  }

  private send(packet: TsguPacket): void {
    this.link?.send(encodeTsguPacket(packet));
  }

  private refuse(reason: string, answer?: TsguPacket): void {
    if (answer) this.send(answer);
    this.end('refused', reason);
  }

  private badRequest(reason: string): void {
    this.client.write(BAD_REQUEST);
    this.end('refused', reason);
  }

  // Until the head is read (and, for RDG_OUT_DATA, while it waits for its RDG_IN_DATA) this connection is ours.
  private readonly onClientData = (chunk: Buffer) => {
    if (this.finished) return;
    if (this.stage === 'waiting-in') return this.end('refused', 'data on the RDG_OUT_DATA connection');
    try {
      this.readHead(chunk);
    } catch (error) {
      if (error instanceof RequestHeadError) return this.badRequest(error.message);
      this.end('refused', (error as Error).message);
    }
  };
  private readonly onClientError = () => this.end('failed', 'client connection error');
  private readonly onClientClose = () => this.end('relayed', 'client went away');

  private releaseClient(): void {
    this.client.off('data', this.onClientData);
    this.client.off('error', this.onClientError);
    this.client.off('close', this.onClientClose);
  }

  private readHead(chunk: Buffer) {
    this.head = this.head.length === 0 ? chunk : Buffer.concat([this.head, chunk]);
    const request = parseRequestHead(this.head);
    if (!request.complete) return;
    this.head = Buffer.alloc(0);
    const key = request.headers.get('sec-websocket-key');
    const upgrade = request.headers.get('upgrade')?.toLowerCase();
    if (request.method === 'RDG_OUT_DATA' && upgrade === 'websocket' && key && this.inChannelOf === null) {
      this.client.write(upgradeResponse(key));
      return this.startTunnel(websocketLink(this.client), request.rest);
    }
    const id = request.headers.get('rdg-connection-id');
    const pairs = this.policy.httpPairs;
    if (pairs && id && CONNECTION_ID.test(id) && upgrade === undefined) {
      if (request.method === 'RDG_OUT_DATA' && this.inChannelOf === null)
        return this.openOut(pairs, id, request.rest);
      if (request.method === 'RDG_IN_DATA') return this.openIn(pairs, id, request);
    }
    this.badRequest(`not an RD gateway request: ${request.method}`);
  }

  /** The HTTP transport's RDG_OUT_DATA: answered at once, then it waits for its RDG_IN_DATA. */
  private openOut(pairs: HttpTransportPairs, id: string, rest: Buffer) {
    if (rest.length > 0) return this.end('refused', 'data on the RDG_OUT_DATA connection');
    this.stage = 'waiting-in';
    this.client.write(httpOutResponse());
    // Clients open RDG_IN_DATA right after: half the handshake's time, and at most 5 s, is plenty.
    void pairs.waitForIn(id, Math.min(5_000, this.policy.handshakeTimeoutMs / 2)).then((channel) => {
      if (this.finished) return channel?.socket.destroy();
      if (!channel) return this.end('refused', 'no RDG_IN_DATA connection came');
      this.releaseClient();
      this.startTunnel(httpLink(this.client, channel.socket), channel.rest);
    });
  }

  /**
   * The HTTP transport's RDG_IN_DATA: a first request without a body is answered (the token comes later, in
   * the tunnel); the second, whose chunked body carries the client's packets, joins its RDG_OUT_DATA.
   */
  private openIn(
    pairs: HttpTransportPairs,
    id: string,
    request: { headers: Map<string, string>; rest: Buffer },
  ) {
    const chunked = request.headers.get('transfer-encoding')?.toLowerCase() === 'chunked';
    if (!chunked) {
      if (this.inChannelOf !== null) return this.badRequest('a third RDG_IN_DATA request');
      this.inChannelOf = id;
      this.client.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
      if (request.rest.length > 0) this.readHead(request.rest);
      return;
    }
    if (this.inChannelOf !== id) return this.badRequest('RDG_IN_DATA body before its first request');
    this.releaseClient();
    if (!pairs.deliverIn(id, { socket: this.client, rest: request.rest })) {
      return this.end('refused', 'no RDG_OUT_DATA connection waits for this RDG_IN_DATA');
    }
    this.end('joined', 'joined its RDG_OUT_DATA connection');
  }

  private startTunnel(link: ClientLink, first: Buffer): void {
    this.releaseClient();
    this.link = link;
    this.stage = 'handshake';
    link.onGone((reason) => this.end('relayed', reason));
    link.onBytes(
      first,
      (bytes) => {
        if (this.finished) return;
        for (const packet of this.packets.push(bytes)) {
          void this.enqueue(packet).catch((error: Error) => this.end('failed', error.message));
          if (this.finished) return;
        }
      },
      (error) => this.end('refused', error.message),
    );
  }

  private enqueue(packet: TsguPacket): Promise<void> {
    this.queue = this.queue.then(() => (this.finished ? undefined : this.handle(packet)));
    return this.queue;
  }

  private async handle(packet: TsguPacket): Promise<void> {
    if (packet.type === 'KEEPALIVE') return;
    if (this.stage === 'data' && packet.type === 'DATA') return this.forward(packet);
    if (this.stage === 'data' && packet.type === 'CLOSE_CHANNEL') return this.closeChannel();
    if (this.stage === 'handshake' && packet.type === 'HANDSHAKE_REQUEST')
      return this.answerHandshake(packet);
    if (this.stage === 'tunnel' && packet.type === 'TUNNEL_CREATE') return this.createTunnel(packet);
    if (this.stage === 'auth' && packet.type === 'TUNNEL_AUTH') return this.authoriseTunnel();
    if (this.stage === 'channel' && packet.type === 'CHANNEL_CREATE' && this.grant) {
      return this.createChannel(packet, this.grant);
    }
    this.refuse(`${packet.type} out of order (stage ${this.stage})`);
  }

  private answerHandshake(packet: Packet<'HANDSHAKE_REQUEST'>) {
    const paa = (packet.extendedAuth & HTTP_EXTENDED_AUTH_PAA) !== 0;
    this.send({
      type: 'HANDSHAKE_RESPONSE',
      errorCode: paa ? S_OK : E_PROXY_CAPABILITYMISMATCH,
      versionMajor: 1,
      versionMinor: 0,
      serverVersion: SERVER_VERSION,
      extendedAuth: HTTP_EXTENDED_AUTH_PAA,
    });
    if (!paa) return this.end('refused', 'the client offers no token authentication (PAA)');
    this.stage = 'tunnel';
  }

  /** The token is spent here, whatever follows. */
  private async createTunnel(packet: Packet<'TUNNEL_CREATE'>): Promise<void> {
    const granted = packet.paaCookie ? await this.policy.consumeToken(packet.paaCookie, this.clientIp) : null;
    if (!granted || 'refused' in granted) {
      const answer: TsguPacket = {
        type: 'TUNNEL_RESPONSE',
        serverVersion: SERVER_VERSION,
        statusCode: E_PROXY_COOKIE_AUTHENTICATION_ACCESS_DENIED,
        tunnelId: null,
        capabilities: null,
      };
      return this.refuse(granted ? granted.refused : 'no token', answer);
    }
    this.grant = granted;
    this.send({
      type: 'TUNNEL_RESPONSE',
      serverVersion: SERVER_VERSION,
      statusCode: S_OK,
      tunnelId: 1,
      capabilities: HTTP_CAPABILITY_IDLE_TIMEOUT,
    });
    this.stage = 'auth';
  }

  /** Whatever the file says: no redirection of any device, and the idle limit (R25). */
  private authoriseTunnel(): void {
    this.send({
      type: 'TUNNEL_AUTH_RESPONSE',
      errorCode: S_OK,
      redirFlags: HTTP_TUNNEL_REDIR_DISABLE_ALL,
      idleTimeoutMinutes: this.policy.idleTimeoutMinutes,
    });
    this.stage = 'channel';
  }

  /** One channel, to the grant's host and port only. */
  private async createChannel(packet: Packet<'CHANNEL_CREATE'>, grant: TunnelGrant): Promise<void> {
    const wanted = packet.resources.length === 1 && packet.altResources.length === 0;
    const allowed =
      wanted && packet.resources[0] === grant.host && packet.port === grant.port && packet.protocol === 3;
    if (!allowed) {
      const answer: TsguPacket = {
        type: 'CHANNEL_RESPONSE',
        errorCode: E_PROXY_RAP_ACCESSDENIED,
        channelId: null,
      };
      return this.refuse(
        `channel to ${packet.resources.join(',')}:${packet.port} is not the grant's`,
        answer,
      );
    }
    const connection = await this.policy.connect(grant).catch(() => null);
    if (!connection) {
      this.send({ type: 'CHANNEL_RESPONSE', errorCode: E_PROXY_INTERNALERROR, channelId: null });
      return this.end('failed', 'the session host cannot be reached');
    }
    this.attachTarget(connection);
    clearTimeout(this.handshakeTimer);
    this.send({ type: 'CHANNEL_RESPONSE', errorCode: S_OK, channelId: 1 });
    this.stage = 'data';
  }

  private forward(packet: Packet<'DATA'>): void {
    this.bytesIn += packet.data.length;
    if (!this.target?.write(packet.data)) this.link?.pause();
  }

  private closeChannel(): void {
    this.send({ type: 'CLOSE_CHANNEL_RESPONSE', statusCode: S_OK });
    this.end('relayed', 'client closed the channel');
  }

  /** The session host's bytes go to the client as DATA packets, and its pace follows the client's. */
  private attachTarget(connection: Duplex): void {
    this.target = connection;
    const toClient = this.link as ClientLink;
    // Bytes still waiting to go out will end the client's wait as well as a keepalive would.
    this.keepalive = quietKeepalive(this.policy.keepaliveMs, () => {
      if (toClient.buffered === 0) toClient.send(KEEPALIVE);
    });
    connection.on('data', (chunk: Buffer) => {
      this.bytesOut += chunk.length;
      for (let at = 0; at < chunk.length; at += MAX_DATA) {
        const data = chunk.subarray(at, at + MAX_DATA);
        toClient.send(dataPacketHead(data.length), data);
      }
      this.keepalive?.sent();
      if (toClient.buffered > this.policy.maxBufferedBytes) connection.pause();
    });
    connection.on('drain', () => toClient.resume());
    connection.on('close', () => this.end('relayed', 'the session host closed the connection'));
    connection.on('error', (error) => this.end('failed', `session host: ${error.message}`));
    toClient.onDrain(() => connection.resume());
  }
}
