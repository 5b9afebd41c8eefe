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
  let stage: Stage = 'head';
  let head: Buffer = Buffer.alloc(0);
  let link: ClientLink | null = null;
  /** The connection id of an RDG_IN_DATA connection whose first request was answered. */
  let inChannelOf: string | null = null;
  let grant: TunnelGrant | null = null;
  let target: Duplex | null = null;
  let bytesIn = 0;
  let bytesOut = 0;
  let finished: TunnelEnd | null = null;
  let keepalive: { sent(): void; stop(): void } | null = null;
  let resolveEnd: (end: TunnelEnd) => void = () => {};
  const ended = new Promise<TunnelEnd>((resolve) => {
    resolveEnd = resolve;
  });
  const packets = new TsguReader();

  const end = (outcome: TunnelEnd['outcome'], reason: string) => {
    if (finished) return;
    finished = { grant: grant?.id ?? null, outcome, reason, bytesIn, bytesOut };
    clearTimeout(handshakeTimer);
    keepalive?.stop();
    if (outcome !== 'joined') {
      if (link) {
        link.close();
      } else {
        client.end();
        setTimeout(() => client.destroy(), 1000).unref();
      }
      target?.destroy();
    }
    resolveEnd(finished);
  };
  const send = (packet: TsguPacket) => link?.send(encodeTsguPacket(packet));
  const refuse = (reason: string, answer?: TsguPacket) => {
    if (answer) send(answer);
    end('refused', reason);
  };
  const badRequest = (reason: string) => {
    client.write(BAD_REQUEST);
    end('refused', reason);
  };
  const handshakeTimer = setTimeout(() => end('refused', 'handshake timed out'), policy.handshakeTimeoutMs);

  // Until the head is read (and, for RDG_OUT_DATA, while it waits for its RDG_IN_DATA) this connection is ours.
  const onClientData = (chunk: Buffer) => {
    if (finished) return;
    if (stage === 'waiting-in') return end('refused', 'data on the RDG_OUT_DATA connection');
    try {
      onHead(chunk);
    } catch (error) {
      if (error instanceof RequestHeadError) return badRequest(error.message);
      end('refused', (error as Error).message);
    }
  };
  const onClientError = () => end('failed', 'client connection error');
  const onClientClose = () => end('relayed', 'client went away');
  const releaseClient = () => {
    client.off('data', onClientData);
    client.off('error', onClientError);
    client.off('close', onClientClose);
  };
  client.on('data', onClientData);
  client.on('error', onClientError);
  client.on('close', onClientClose);

  const onHead = (chunk: Buffer) => {
    head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
    const request = parseRequestHead(head);
    if (!request.complete) return;
    head = Buffer.alloc(0);
    const key = request.headers.get('sec-websocket-key');
    const upgrade = request.headers.get('upgrade')?.toLowerCase();
    if (request.method === 'RDG_OUT_DATA' && upgrade === 'websocket' && key && inChannelOf === null) {
      client.write(upgradeResponse(key));
      return startTunnel(websocketLink(client), request.rest);
    }
    const id = request.headers.get('rdg-connection-id');
    if (policy.httpPairs && id && CONNECTION_ID.test(id) && upgrade === undefined) {
      if (request.method === 'RDG_OUT_DATA' && inChannelOf === null)
        return openOut(policy.httpPairs, id, request.rest);
      if (request.method === 'RDG_IN_DATA') return onIn(policy.httpPairs, id, request);
    }
    badRequest(`not an RD gateway request: ${request.method}`);
  };

  /** The HTTP transport's RDG_OUT_DATA: answered at once, then it waits for its RDG_IN_DATA. */
  const openOut = (pairs: HttpTransportPairs, id: string, rest: Buffer) => {
    if (rest.length > 0) return end('refused', 'data on the RDG_OUT_DATA connection');
    stage = 'waiting-in';
    client.write(httpOutResponse());
    // Clients open RDG_IN_DATA right after: half the handshake's time, and at most 5 s, is plenty.
    void pairs.waitForIn(id, Math.min(5_000, policy.handshakeTimeoutMs / 2)).then((channel) => {
      if (finished) return channel?.socket.destroy();
      if (!channel) return end('refused', 'no RDG_IN_DATA connection came');
      releaseClient();
      startTunnel(httpLink(client, channel.socket), channel.rest);
    });
  };

  /**
   * The HTTP transport's RDG_IN_DATA: a first request without a body is answered (the token comes later, in
   * the tunnel); the second, whose chunked body carries the client's packets, joins its RDG_OUT_DATA.
   */
  const onIn = (
    pairs: HttpTransportPairs,
    id: string,
    request: { headers: Map<string, string>; rest: Buffer },
  ) => {
    const chunked = request.headers.get('transfer-encoding')?.toLowerCase() === 'chunked';
    if (!chunked) {
      if (inChannelOf !== null) return badRequest('a third RDG_IN_DATA request');
      inChannelOf = id;
      client.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
      if (request.rest.length > 0) onHead(request.rest);
      return;
    }
    if (inChannelOf !== id) return badRequest('RDG_IN_DATA body before its first request');
    releaseClient();
    if (!pairs.deliverIn(id, { socket: client, rest: request.rest })) {
      return end('refused', 'no RDG_OUT_DATA connection waits for this RDG_IN_DATA');
    }
    end('joined', 'joined its RDG_OUT_DATA connection');
  };

  const startTunnel = (newLink: ClientLink, first: Buffer) => {
    releaseClient();
    link = newLink;
    stage = 'handshake';
    newLink.onGone((reason) => end('relayed', reason));
    newLink.onBytes(
      first,
      (bytes) => {
        if (finished) return;
        for (const packet of packets.push(bytes)) {
          void onPacket(packet).catch((error: Error) => end('failed', error.message));
          if (finished) return;
        }
      },
      (error) => end('refused', error.message),
    );
  };

  // Packets are handled in order; a stage that awaits (the token, the connection) holds the next ones back.
  let queue = Promise.resolve();
  const onPacket = (packet: TsguPacket) => {
    queue = queue.then(() => (finished ? undefined : handle(packet)));
    return queue;
  };

  const handle = async (packet: TsguPacket): Promise<void> => {
    if (packet.type === 'KEEPALIVE') return;
    if (stage === 'data' && packet.type === 'DATA') {
      bytesIn += packet.data.length;
      if (!target?.write(packet.data)) link?.pause();
      return;
    }
    if (stage === 'data' && packet.type === 'CLOSE_CHANNEL') {
      send({ type: 'CLOSE_CHANNEL_RESPONSE', statusCode: S_OK });
      return end('relayed', 'client closed the channel');
    }
    if (stage === 'handshake' && packet.type === 'HANDSHAKE_REQUEST') {
      const paa = (packet.extendedAuth & HTTP_EXTENDED_AUTH_PAA) !== 0;
      send({
        type: 'HANDSHAKE_RESPONSE',
        errorCode: paa ? S_OK : E_PROXY_CAPABILITYMISMATCH,
        versionMajor: 1,
        versionMinor: 0,
        serverVersion: SERVER_VERSION,
        extendedAuth: HTTP_EXTENDED_AUTH_PAA,
      });
      if (!paa) return end('refused', 'the client offers no token authentication (PAA)');
      stage = 'tunnel';
      return;
    }
    if (stage === 'tunnel' && packet.type === 'TUNNEL_CREATE') {
      const granted = packet.paaCookie ? await policy.consumeToken(packet.paaCookie, clientIp) : null;
      if (!granted || 'refused' in granted) {
        const answer: TsguPacket = {
          type: 'TUNNEL_RESPONSE',
          serverVersion: SERVER_VERSION,
          statusCode: E_PROXY_COOKIE_AUTHENTICATION_ACCESS_DENIED,
          tunnelId: null,
          capabilities: null,
        };
        return refuse(granted ? granted.refused : 'no token', answer);
      }
      grant = granted;
      send({
        type: 'TUNNEL_RESPONSE',
        serverVersion: SERVER_VERSION,
        statusCode: S_OK,
        tunnelId: 1,
        capabilities: HTTP_CAPABILITY_IDLE_TIMEOUT,
      });
      stage = 'auth';
      return;
    }
    if (stage === 'auth' && packet.type === 'TUNNEL_AUTH') {
      // Whatever the file says: no redirection of any device, and the idle limit (R25).
      send({
        type: 'TUNNEL_AUTH_RESPONSE',
        errorCode: S_OK,
        redirFlags: HTTP_TUNNEL_REDIR_DISABLE_ALL,
        idleTimeoutMinutes: policy.idleTimeoutMinutes,
      });
      stage = 'channel';
      return;
    }
    if (stage === 'channel' && packet.type === 'CHANNEL_CREATE' && grant) {
      const wanted = packet.resources.length === 1 && packet.altResources.length === 0;
      const allowed =
        wanted && packet.resources[0] === grant.host && packet.port === grant.port && packet.protocol === 3;
      if (!allowed) {
        const answer: TsguPacket = {
          type: 'CHANNEL_RESPONSE',
          errorCode: E_PROXY_RAP_ACCESSDENIED,
          channelId: null,
        };
        return refuse(`channel to ${packet.resources.join(',')}:${packet.port} is not the grant's`, answer);
      }
      const connection = await policy.connect(grant).catch(() => null);
      if (!connection) {
        send({ type: 'CHANNEL_RESPONSE', errorCode: E_PROXY_INTERNALERROR, channelId: null });
        return end('failed', 'the session host cannot be reached');
      }
      attachTarget(connection);
      clearTimeout(handshakeTimer);
      send({ type: 'CHANNEL_RESPONSE', errorCode: S_OK, channelId: 1 });
      stage = 'data';
      return;
    }
    refuse(`${packet.type} out of order (stage ${stage})`);
  };

  const attachTarget = (connection: Duplex) => {
    target = connection;
    const toClient = link as ClientLink;
    // Bytes still waiting to go out will end the client's wait as well as a keepalive would.
    keepalive = quietKeepalive(policy.keepaliveMs, () => {
      if (toClient.buffered === 0) toClient.send(KEEPALIVE);
    });
    connection.on('data', (chunk: Buffer) => {
      bytesOut += chunk.length;
      for (let at = 0; at < chunk.length; at += MAX_DATA) {
        const data = chunk.subarray(at, at + MAX_DATA);
        toClient.send(dataPacketHead(data.length), data);
      }
      keepalive?.sent();
      if (toClient.buffered > policy.maxBufferedBytes) connection.pause();
    });
    connection.on('drain', () => toClient.resume());
    connection.on('close', () => end('relayed', 'the session host closed the connection'));
    connection.on('error', (error) => end('failed', `session host: ${error.message}`));
    toClient.onDrain(() => connection.resume());
  };

  return ended;
}
