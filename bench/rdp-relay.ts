// The RD gateway's relay against a direct connection: round-trip latency of small packets (p50, p99) and
// throughput of a bulk stream from the server side (where RDP's screen updates come from). A stand-in
// TCP server plays xrdp on both paths, so what differs is the gateway alone: TLS, WebSocket, MS-TSGU, the
// session host agent's relay. The gateway and the agent run here; the stand-in and the client in a worker
// thread (bench/rdp-relay-client.ts), which masks with a zero key, so its own masking cost is left out.
// Part of npm run bench:rdp.
import { once } from 'node:events';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SYSTEM_ACTOR } from '../src/audit/audit-service.js';
import { connect as connectDb } from '../src/db/connect.js';
import { startEmbedded } from '../src/db/embedded-postgres.js';
import { migrate } from '../src/db/migrate.js';
import { addHost, registerHost } from '../src/desktop/host-registry.js';
import { createAgentServer } from '../src/host-agent/agent-server.js';
import { createRdGateway } from '../src/rd-gateway/rd-gateway.js';
import { generateSelfSignedTlsCertificate } from '../src/rd-gateway/rdp-file/signing-certificate.js';
import { issueRdpGrant } from '../src/rd-gateway/rdp-grants.js';
import { testCountryGate } from '../test/geoip.js';
import { createOtpUser } from '../test/users.js';
import { BULK_BYTES, type ClientOrders, type ClientResults, ROUND_TRIPS } from './rdp-relay-client.js';

const AGENT_TOKEN = 'bench-agent-token-0123456789abcdefghijklmnopq';

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

export async function benchRelay(): Promise<void> {
  // Node 20 loads a worker's .ts file only once tsx is registered in that thread.
  const clientModule = new URL('./rdp-relay-client.ts', import.meta.url).href;
  const client = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(clientModule)}); })`,
    { eval: true },
  );
  const [{ targetPort }] = (await once(client, 'message')) as [{ targetPort: number }];
  const dataDir = mkdtempSync(join(tmpdir(), 'mona-bench-rdp-'));
  chmodSync(dataDir, 0o711);
  const embedded = await startEmbedded(dataDir, () => {});
  const db = connectDb(embedded.url, 8);
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
      maxHandshakesPerAddress: 10,
      keepaliveMs: 100,
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

    const orders: ClientOrders = {
      gatewayPort,
      tokens: [(await grant()).gatewayToken, (await grant()).gatewayToken],
      tls: { cert: tls.certificatePem, key: tls.privateKeyPem },
    };
    client.postMessage(orders);
    const [results] = (await once(client, 'message')) as [ClientResults];
    const { directTimes, relayedTimes, directRate, directTlsRate, relayedRate } = results;
    const p50 = (times: number[]) => percentile(times, 0.5);
    console.log(`round trip, 64 bytes, ${ROUND_TRIPS} times (direct to the stand-in | through the gateway):`);
    console.log(`  p50 ${p50(directTimes).toFixed(3)} ms | ${p50(relayedTimes).toFixed(3)} ms`);
    console.log(
      `  p99 ${percentile(directTimes, 0.99).toFixed(3)} ms | ${percentile(relayedTimes, 0.99).toFixed(3)} ms`,
    );
    console.log(`  added by the gateway (p50): ${(p50(relayedTimes) - p50(directTimes)).toFixed(3)} ms`);
    const share = (rate: number) => `${((relayedRate / rate) * 100).toFixed(0)}%`;
    console.log(`throughput, ${BULK_BYTES / 1024 / 1024} MiB from the server side:`);
    console.log(`  direct, plain TCP            ${directRate.toFixed(0)} MB/s`);
    console.log(`  direct, TLS (as xrdp is)     ${directTlsRate.toFixed(0)} MB/s`);
    console.log(
      `  through the gateway          ${relayedRate.toFixed(0)} MB/s (${share(directTlsRate)} of direct TLS, ${share(directRate)} of plain TCP)`,
    );
  } finally {
    await client.terminate();
    gateway.close();
    agent.close();
    await db.destroy();
    await embedded.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
