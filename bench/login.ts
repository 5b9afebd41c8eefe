// Logins per second and login latency (p50, p99) over HTTP on this machine: a real
// server, the embedded PostgreSQL, argon2id and TOTP, each login the guide's four steps.
// Run: npm run bench:login [logins] [concurrency]
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { SYSTEM_ACTOR } from '../src/audit/audit-service.js';
import { loadConfig } from '../src/config/load.js';
import { connect } from '../src/db/connect.js';
import { startEmbedded } from '../src/db/embedded-postgres.js';
import { migrate } from '../src/db/migrate.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../src/entry/terms-service.js';
import { findFreePort } from '../src/net/ports.js';
import { startServer } from '../src/runtime/server.js';
import { createGate } from '../src/runtime/services.js';
import { testAirlock } from '../test/airlock.js';
import { createOtpUser, type TestUser } from '../test/users.js';
import { logInOverHttp } from './http-session.js';

const logins = Number(process.argv[2] ?? 150);
const concurrency = Number(process.argv[3] ?? 4);

const dataDir = mkdtempSync(join(tmpdir(), 'mona-bench-login-'));
chmodSync(dataDir, 0o711);
const embedded = await startEmbedded(dataDir, () => {});
const db = connect(embedded.url, 20);
try {
  await migrate(db);
  await publishTermsDirectory(db, SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
  const accounts: TestUser[] = [];
  for (let n = 0; n < logins; n += 1) accounts.push(await createOtpUser(db, { username: `bench${n}` }));

  const port = await findFreePort('127.0.0.1');
  // Every request comes from 127.0.0.1: lift the per-address budget, which would otherwise (rightly) stop us,
  // and its free password tries, which the logins in flight at once would use up before they complete.
  const config = loadConfig({
    env: {
      MONA_HTTP__PORT: String(port),
      MONA_IDENTITY__THROTTLE__PER_IP_PER_MINUTE: '10000',
      MONA_IDENTITY__THROTTLE__PER_ADDRESS__FREE_GUESSES: '1000',
    },
  });
  const server = await startServer(config, db, pino({ level: 'silent' }), {
    gate: await createGate(config, 'start'),
    mail: { mailer: null, caughtMail: null },
    bankid: null,
    airlock: { ...testAirlock(), db, now: () => new Date() },
  });

  // One login per account, with the code of the time step it logs in at. A code is good for one login
  // only, and the server claims its step: an account used again within the same steps, or a code
  // computed for a step the run has left, would be refused however fast the machine.
  const jobs = [...accounts];
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let account = jobs.shift(); account; account = jobs.shift()) {
        const begin = performance.now();
        await logInOverHttp(server.url, account.username, account.code(new Date()));
        latencies.push(performance.now() - begin);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(1);
  console.log(`${latencies.length} logins in ${seconds.toFixed(2)} s with ${concurrency} at a time`);
  console.log(`logins per second: ${(latencies.length / seconds).toFixed(1)}`);
  console.log(`login latency (4 requests): p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`);
  await server.app.close();
} finally {
  await db.destroy();
  await embedded.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
