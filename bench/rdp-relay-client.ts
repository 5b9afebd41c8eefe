// The client side of bench/rdp-relay.ts, in a thread of its own as a client would be in a process of its own:
// xrdp's stand-in, the direct connection to it, and an RDP client's tunnel through the gateway.
import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createServer as createTlsServer, connect as tlsConnect } from 'node:tls';
import { parentPort } from 'node:worker_threads';
import { HTTP_EXTENDED_AUTH_PAA } from '../src/rd-gateway/tsgu/tsgu-codes.js';
import { encodeTsguPacket, type TsguPacket } from '../src/rd-gateway/tsgu/tsgu-packets.js';
import { RDG_HEAD } from '../test/tsgu-client.js';

export const ROUND_TRIPS = 2000;
export const BULK_BYTES = 512 * 1024 * 1024;

/** What the gateway's side tells the client: where the gateway is, and one file's token per tunnel. */
export interface ClientOrders {
  gatewayPort: number;
  tokens: [string, string];
  /** For the stand-in over TLS, as xrdp is reached directly. */
  tls: { cert: string; key: string };
}

export interface ClientResults {
  directTimes: number[];
  relayedTimes: number[];
  directRate: number;
  directTlsRate: number;
  relayedRate: number;
}

/** xrdp's stand-in: echoes what it gets, or, told "bulk", sends BULK_BYTES in 16 KiB writes. */
const chunk = Buffer.alloc(16 * 1024, 0x5a);

function serveStandIn(socket: Socket): void {
  socket.setNoDelay(true);
  socket.once('data', (first) => {
    if (first.toString() !== 'bulk') {
      socket.write(first);
      socket.pipe(socket);
      return;
    }
    let sent = 0;
    const pump = () => {
      while (sent < BULK_BYTES) {
        sent += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
      socket.end();
    };
    pump();
  });
  socket.on('error', () => {});
}

async function standIn(): Promise<Server> {
  const server = createServer(serveStandIn);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

/** A client WebSocket frame with a zero mask (allowed: the mask only has to be there). */
function frame(payload: Buffer): Buffer {
  const head =
    payload.length < 126
      ? Buffer.from([0x82, 0x80 | payload.length, 0, 0, 0, 0])
      : Buffer.from([0x82, 0x80 | 126, payload.length >> 8, payload.length & 0xff, 0, 0, 0, 0]);
  return Buffer.concat([head, payload]);
}

const send = (socket: Duplex, packet: TsguPacket) => socket.write(frame(encodeTsguPacket(packet)));

/**
 * Opens a tunnel and its channel as FreeRDP does; then hands every RDP byte of the gateway's DATA packets
 * to `onData`. Server frames are unmasked binary frames, one MS-TSGU packet each.
 */
async function tunnel(port: number, token: string, onData: (bytes: Buffer) => void): Promise<Duplex> {
  const socket = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false });
  await once(socket, 'secureConnect');
  socket.setNoDelay(true);
  let buffer: Buffer = Buffer.alloc(0);
  let headDone = false;
  let answers = 0;
  const steps: TsguPacket[] = [
    { type: 'TUNNEL_CREATE', capabilities: 0x0d, paaCookie: token },
    { type: 'TUNNEL_AUTH', clientName: 'bench' },
    { type: 'CHANNEL_CREATE', resources: ['bench-host'], altResources: [], port: 3389, protocol: 3 },
  ];
  let ready: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    ready = resolve;
  });
  socket.on('data', (chunk: Buffer) => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    if (!headDone) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      headDone = true;
      buffer = buffer.subarray(end + 4);
    }
    for (;;) {
      if (buffer.length < 2) break;
      let length = (buffer[1] as number) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) break;
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        // DATA packets of up to 65,545 bytes (a full u16 of RDP bytes and the header) need the 64-bit form.
        if (buffer.length < 10) break;
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (buffer.length < offset + length) break;
      const packet = buffer.subarray(offset, offset + length);
      const binary = ((buffer[0] as number) & 0x0f) === 0x2;
      buffer = buffer.subarray(offset + length);
      if (!binary) continue;
      if (packet.readUInt16LE(0) === 0x0a) onData(packet.subarray(10));
      else {
        // Each step waits for the answer to the one before, as FreeRDP does.
        const next = steps[answers];
        answers += 1;
        if (next) send(socket, next);
        else ready();
      }
    }
  });
  socket.write(RDG_HEAD);
  send(socket, {
    type: 'HANDSHAKE_REQUEST',
    versionMajor: 1,
    versionMinor: 0,
    clientVersion: 0,
    extendedAuth: HTTP_EXTENDED_AUTH_PAA,
  });
  await opened;
  return socket;
}

async function roundTrips(write: (bytes: Buffer) => void, received: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  const message = Buffer.alloc(64, 7);
  for (let n = 0; n < ROUND_TRIPS; n += 1) {
    const started = process.hrtime.bigint();
    write(message);
    await received();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

/** A promise per arrival of at least `size` bytes, for one request in flight at a time. */
function arrivals(size: number) {
  let got = 0;
  let wake: () => void = () => {};
  return {
    add(bytes: number) {
      got += bytes;
      if (got >= size) {
        got -= size;
        wake();
      }
    },
    next: () =>
      new Promise<void>((resolve) => {
        wake = resolve;
      }),
  };
}

async function measure(targetPort: number, orders: ClientOrders): Promise<ClientResults> {
  const { gatewayPort } = orders;
  const tokens = [...orders.tokens];
  const grant = async () => ({ gatewayToken: tokens.shift() as string });
  // Latency: one 64-byte packet echoed at a time.
  const direct: Socket = connect(targetPort, '127.0.0.1');
  await once(direct, 'connect');
  direct.setNoDelay(true);
  const directArrivals = arrivals(64);
  direct.on('data', (chunk: Buffer) => directArrivals.add(chunk.length));
  const directTimes = await roundTrips((bytes) => direct.write(bytes), directArrivals.next);
  direct.destroy();

  const relayedArrivals = arrivals(64);
  const relayed = await tunnel(gatewayPort, (await grant()).gatewayToken, (bytes) =>
    relayedArrivals.add(bytes.length),
  );
  const relayedTimes = await roundTrips(
    (bytes) => send(relayed, { type: 'DATA', data: bytes }),
    relayedArrivals.next,
  );
  relayed.destroy();

  // Throughput: the stand-in sends BULK_BYTES, the client counts them.
  const bulk = async (
    open: (count: (bytes: Buffer) => void) => Promise<Duplex>,
    start: (socket: Duplex) => void,
  ) => {
    let got = 0;
    let done: () => void = () => {};
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    const socket = await open((bytes) => {
      got += bytes.length;
      if (got >= BULK_BYTES) done();
    });
    const started = performance.now();
    start(socket);
    await finished;
    const seconds = (performance.now() - started) / 1000;
    socket.destroy();
    return BULK_BYTES / seconds / 1e6;
  };
  const directRate = await bulk(
    async (count) => {
      const socket = connect(targetPort, '127.0.0.1');
      await once(socket, 'connect');
      socket.on('data', count);
      return socket;
    },
    (socket) => socket.write('bulk'),
  );
  const tlsTarget = createTlsServer(orders.tls, serveStandIn);
  tlsTarget.listen(0, '127.0.0.1');
  await once(tlsTarget, 'listening');
  const directTlsRate = await bulk(
    async (count) => {
      const port = (tlsTarget.address() as AddressInfo).port;
      const socket = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false });
      await once(socket, 'secureConnect');
      socket.on('data', count);
      return socket;
    },
    (socket) => socket.write('bulk'),
  );
  tlsTarget.close();
  const relayedRate = await bulk(
    async (count) => tunnel(gatewayPort, (await grant()).gatewayToken, count),
    (socket) => send(socket, { type: 'DATA', data: Buffer.from('bulk') }),
  );

  return { directTimes, relayedTimes, directRate, directTlsRate, relayedRate };
}

// As a worker: the stand-in first, its port to the gateway's side, then the orders and the measurements.
if (parentPort) {
  const port = parentPort;
  const target = await standIn();
  const targetPort = (target.address() as AddressInfo).port;
  port.once('message', async (orders: ClientOrders) => {
    port.postMessage(await measure(targetPort, orders));
    target.close();
  });
  port.postMessage({ targetPort });
}
