// The RD gateway's relay against a direct connection: round-trip latency of small packets (p50, p99) and
// throughput of a bulk stream from the server side (where RDP's screen updates come from). A stand-in
// TCP server plays xrdp on both paths, so what differs is the gateway alone: TLS, WebSocket, MS-TSGU, the
// session host agent's relay. The client masks with a zero key, so its own masking cost is left out.
// Part of npm run bench:rdp.
import { once } from 'node:events';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { SYSTEM_ACTOR } from '../src/audit/audit-service.js';
import { connect as connectDb } from '../src/db/connect.js';
import { startEmbedded } from '../src/db/embedded-postgres.js';
import { migrate } from '../src/db/migrate.js';
import { addHost, registerHost } from '../src/desktop/host-registry.js';
import { createRdGateway } from '../src/desktop/rd-gateway.js';
import { HTTP_EXTENDED_AUTH_PAA } from '../src/desktop/rdgw/tsgu-codes.js';
import { encodeTsguPacket, type TsguPacket } from '../src/desktop/rdgw/tsgu-packets.js';
import { generateSelfSignedTlsCertificate } from '../src/desktop/rdp/signing-certificate.js';
import { issueRdpGrant } from '../src/desktop/rdp-grants.js';
import { createAgentServer } from '../src/host-agent/agent-server.js';
import { testCountryGate } from '../test/geoip.js';
import { RDG_HEAD } from '../test/tsgu-client.js';
import { createOtpUser } from '../test/users.js';

const ROUND_TRIPS = 2000;
const BULK_BYTES = 512 * 1024 * 1024;
const AGENT_TOKEN = 'bench-agent-token-0123456789abcdefghijklmnopq';

/** xrdp's stand-in: echoes what it gets, or, told "bulk", sends BULK_BYTES in 16 KiB writes. */
async function standIn(): Promise<Server> {
  const chunk = Buffer.alloc(16 * 1024, 0x5a);
  const server = createServer((socket) => {
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
  });
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
      }
      if (buffer.length < offset + length) break;
      const packet = buffer.subarray(offset, offset + length);
      buffer = buffer.subarray(offset + length);
      if (packet.readUInt16LE(0) === 0x0a) onData(packet.subarray(10));
      else {
        answers += 1;
        // Handshake, tunnel, tunnel auth and channel answered: the channel is open.
        if (answers === 4) ready();
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
  send(socket, { type: 'TUNNEL_CREATE', capabilities: 0x0d, paaCookie: token });
  send(socket, { type: 'TUNNEL_AUTH', clientName: 'bench' });
  send(socket, {
    type: 'CHANNEL_CREATE',
    resources: ['bench-host'],
    altResources: [],
    port: 3389,
    protocol: 3,
  });
  await opened;
  return socket;
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
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

export async function benchRelay(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mona-bench-rdp-'));
  chmodSync(dataDir, 0o711);
  const embedded = await startEmbedded(dataDir, () => {});
  const db = connectDb(embedded.url, 8);
  const target = await standIn();
  const targetPort = (target.address() as AddressInfo).port;
  const agent = createAgentServer(
    AGENT_TOKEN,
    {
      start: async () => ({ display: 1 }),
      end: async () => {},
      setKeyboard: async () => true,
      setProjects: async () => true,
      relayTarget: (_id, kind) => (kind === 'rdp' ? { host: '127.0.0.1', port: targetPort } : null),
    },
    () => {},
  );
  agent.listen(0, '127.0.0.1');
  await once(agent, 'listening');
  const tls = generateSelfSignedTlsCertificate('127.0.0.1');
  const gateway = createRdGateway(
    {
      db,
      gate: await testCountryGate({ allowPrivateNetworks: true }),
      now: () => new Date(),
      idleTimeoutMinutes: 30,
      maxConnections: 10,
      portalTimeouts: { idleSeconds: 300, warningSeconds: 90 },
    },
    { cert: Buffer.from(tls.certificatePem), key: Buffer.from(tls.privateKeyPem) },
  );
  gateway.listen(0, '127.0.0.1');
  await once(gateway, 'listening');
  const gatewayPort = (gateway.address() as AddressInfo).port;
  try {
    await migrate(db);
    const user = await createOtpUser(db, { username: 'bench.rdp' });
    await addHost(db, 'bench-host', 5, SYSTEM_ACTOR);
    const agentUrl = `http://127.0.0.1:${(agent.address() as AddressInfo).port}/`;
    await registerHost(
      db,
      'bench-host',
      { agentUrl, agentToken: AGENT_TOKEN, capacity: 5, rdpPort: 3389 },
      new Date(),
    );
    const session = await db
      .insertInto('desktop_sessions')
      .values({
        user_id: user.id,
        host_name: 'bench-host',
        state: 'running',
        vnc_password: 'abcdefgh',
        started_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const grant = () =>
      issueRdpGrant(
        db,
        {
          sessionId: session.id,
          userId: user.id,
          clientIp: '127.0.0.1',
          targetHost: 'bench-host',
          targetPort: 3389,
          validSeconds: 120,
        },
        new Date(),
      );

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
    const relayedRate = await bulk(
      async (count) => tunnel(gatewayPort, (await grant()).gatewayToken, count),
      (socket) => send(socket, { type: 'DATA', data: Buffer.from('bulk') }),
    );

    const p50 = (times: number[]) => percentile(times, 0.5);
    console.log(`round trip, 64 bytes, ${ROUND_TRIPS} times (direct to the stand-in | through the gateway):`);
    console.log(`  p50 ${p50(directTimes).toFixed(3)} ms | ${p50(relayedTimes).toFixed(3)} ms`);
    console.log(
      `  p99 ${percentile(directTimes, 0.99).toFixed(3)} ms | ${percentile(relayedTimes, 0.99).toFixed(3)} ms`,
    );
    console.log(`  added by the gateway (p50): ${(p50(relayedTimes) - p50(directTimes)).toFixed(3)} ms`);
    console.log(`throughput, ${BULK_BYTES / 1024 / 1024} MiB from the server side:`);
    console.log(
      `  direct ${directRate.toFixed(0)} MB/s | through the gateway ${relayedRate.toFixed(0)} MB/s (${((relayedRate / directRate) * 100).toFixed(0)}%)`,
    );
  } finally {
    gateway.close();
    agent.close();
    target.close();
    await db.destroy();
    await embedded.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
