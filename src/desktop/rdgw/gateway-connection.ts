import type { Duplex } from 'node:stream';
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
import {
  DEFAULT_MAX_PACKET_LENGTH,
  dataPacketHead,
  encodeTsguPacket,
  type TsguPacket,
  TsguReader,
} from './tsgu-packets.js';
import { WS_OPCODE, WsFrameReader, wsClosePayload, wsFrame, wsFrameHeader } from './ws-frames.js';

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
}

export type TunnelEnd = {
  grant: string | null;
  outcome: 'relayed' | 'refused' | 'failed';
  reason: string;
  bytesIn: number;
  bytesOut: number;
};

const SERVER_VERSION = 1;
/** DATA carries a u16 length: the target's bytes are cut to this. */
const MAX_DATA = 0xffff;
type Stage = 'head' | 'handshake' | 'tunnel' | 'auth' | 'channel' | 'data';

/**
 * One RDP client's connection to the gateway (MS-TSGU over WebSocket): the HTTP upgrade, then handshake,
 * tunnel (the token is spent here), tunnel auth (every redirection off, the idle timeout), one channel to
 * the grant's host and port only, then RDP bytes both ways. Any other packet, order or size ends it.
 */
export function serveGatewayConnection(
  client: Duplex,
  clientIp: string,
  policy: GatewayPolicy,
): Promise<TunnelEnd> {
  let stage: Stage = 'head';
  let head = Buffer.alloc(0);
  let grant: TunnelGrant | null = null;
  let target: Duplex | null = null;
  let bytesIn = 0;
  let bytesOut = 0;
  let finished: TunnelEnd | null = null;
  let resolveEnd: (end: TunnelEnd) => void = () => {};
  const ended = new Promise<TunnelEnd>((resolve) => {
    resolveEnd = resolve;
  });
  const frames = new WsFrameReader({
    maxPayload: DEFAULT_MAX_PACKET_LENGTH,
    onPing: (payload) => client.write(wsFrame(WS_OPCODE.pong, payload)),
    onClose: () => end('relayed', 'client closed'),
  });
  const packets = new TsguReader();

  const end = (outcome: TunnelEnd['outcome'], reason: string) => {
    if (finished) return;
    finished = { grant: grant?.id ?? null, outcome, reason, bytesIn, bytesOut };
    clearTimeout(handshakeTimer);
    if (stage !== 'head' && !client.destroyed) client.write(wsFrame(WS_OPCODE.close, wsClosePayload(1000)));
    client.end();
    setTimeout(() => client.destroy(), 1000).unref();
    target?.destroy();
    resolveEnd(finished);
  };
  const send = (packet: TsguPacket) => client.write(wsFrame(WS_OPCODE.binary, encodeTsguPacket(packet)));
  const refuse = (reason: string, answer?: TsguPacket) => {
    if (answer) send(answer);
    end('refused', reason);
  };
  const handshakeTimer = setTimeout(() => end('refused', 'handshake timed out'), policy.handshakeTimeoutMs);

  const onHead = (chunk: Buffer) => {
    head = Buffer.concat([head, chunk]);
    const request = parseRequestHead(head);
    if (!request.complete) return;
    const key = request.headers.get('sec-websocket-key');
    const upgrade = request.headers.get('upgrade')?.toLowerCase();
    if (request.method !== 'RDG_OUT_DATA' || upgrade !== 'websocket' || !key) {
      client.write('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return end('refused', `not a WebSocket RD gateway request: ${request.method}`);
    }
    client.write(upgradeResponse(key));
    stage = 'handshake';
    if (request.rest.length > 0) onFrames(request.rest);
  };

  const onFrames = (chunk: Buffer) => {
    for (const message of frames.push(chunk)) {
      for (const packet of packets.push(message)) {
        void onPacket(packet).catch((error: Error) => end('failed', error.message));
        if (finished) return;
      }
    }
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
      if (!target?.write(packet.data)) client.pause();
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
    connection.on('data', (chunk: Buffer) => {
      bytesOut += chunk.length;
      client.cork();
      for (let at = 0; at < chunk.length; at += MAX_DATA) {
        const data = chunk.subarray(at, at + MAX_DATA);
        const head = dataPacketHead(data.length);
        client.write(Buffer.concat([wsFrameHeader(WS_OPCODE.binary, head.length + data.length), head]));
        client.write(data);
      }
      client.uncork();
      if (client.writableLength > policy.maxBufferedBytes) connection.pause();
    });
    connection.on('drain', () => client.resume());
    connection.on('close', () => end('relayed', 'the session host closed the connection'));
    connection.on('error', (error) => end('failed', `session host: ${error.message}`));
    client.on('drain', () => connection.resume());
  };

  client.on('data', (chunk: Buffer) => {
    if (finished) return;
    try {
      if (stage === 'head') onHead(chunk);
      else onFrames(chunk);
    } catch (error) {
      if (stage === 'head' && error instanceof RequestHeadError) {
        client.write('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      }
      end('refused', (error as Error).message);
    }
  });
  client.on('error', () => end('failed', 'client connection error'));
  client.on('close', () => end('relayed', 'client went away'));
  return ended;
}
