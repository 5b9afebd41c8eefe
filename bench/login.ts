// Logins per second and login latency (p50, p99) over HTTP on this machine: a real
// server, the embedded PostgreSQL, argon2id and TOTP, each login the guide's four steps.
// Run: npm run bench:login [logins] [concurrency]
import { createOtpUser, type TestUser } from '../test/users.js';
import { startBenchPlatform } from './bench-platform.js';
import { logInOverHttp } from './http-session.js';

const logins = Number(process.argv[2] ?? 150);
const concurrency = Number(process.argv[3] ?? 4);

const platform = await startBenchPlatform('login');
const { db } = platform;
try {
  const accounts: TestUser[] = [];
  for (let n = 0; n < logins; n += 1) accounts.push(await createOtpUser(db, { username: `bench${n}` }));

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
        await logInOverHttp(platform.url, account.username, account.code(new Date()));
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
} finally {
  await platform.stop();
}
