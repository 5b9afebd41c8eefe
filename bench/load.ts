// Many portal users at once: each logged in, polling the session, listing uploads and looking at the
// desktop page, as the web app does. Prints requests per second, p50 and p99, errors (which must be 0)
// and the process's RSS; and, measured in the same run with the same driver, the ceiling: a bare Fastify
// route answering with one indexed PostgreSQL query through pg.
// Run: npm run bench:load -- [--users 200] [--seconds 300]
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import pg from 'pg';
import { findFreePort } from '../src/net/ports.js';
import { createOtpUser } from '../test/users.js';
import { startBenchPlatform } from './bench-platform.js';
import { logInOverHttp } from './http-session.js';

const { values } = parseArgs({
  options: { users: { type: 'string', default: '200' }, seconds: { type: 'string', default: '300' } },
});
const users = Number(values.users);
const seconds = Number(values.seconds);

/** What one portal page asks for, over and over, as the web app's polling does. */
const PAGE = ['/api/session', '/api/uploads', '/api/desktop', '/api/notices'];

interface Figures {
  requests: number;
  errors: number;
  latencies: number[];
  elapsedSeconds: number;
}

/** `workers` clients, each sending `next()`'s requests one after the other until the time is up. */
async function drive(
  base: string,
  workers: { headers: Record<string, string> }[],
  paths: string[],
  forSeconds: number,
): Promise<Figures> {
  const figures: Figures = { requests: 0, errors: 0, latencies: [], elapsedSeconds: 0 };
  const started = performance.now();
  const deadline = started + forSeconds * 1000;
  await Promise.all(
    workers.map(async ({ headers }) => {
      for (let n = 0; performance.now() < deadline; n += 1) {
        const begin = performance.now();
        try {
          const response = await fetch(new URL(paths[n % paths.length] as string, base), { headers });
          await response.arrayBuffer();
          if (!response.ok) figures.errors += 1;
        } catch {
          figures.errors += 1;
        }
        figures.latencies.push(performance.now() - begin);
        figures.requests += 1;
      }
    }),
  );
  figures.elapsedSeconds = (performance.now() - started) / 1000;
  return figures;
}

function report(label: string, figures: Figures): void {
  const sorted = figures.latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1);
  const rate = (figures.requests / figures.elapsedSeconds).toFixed(0);
  console.log(
    `${label}: ${rate} req/s, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, errors ${figures.errors} of ${figures.requests}`,
  );
}

/** The most this machine can give one query per request: Fastify, pg and an indexed lookup, nothing else. */
async function ceiling(databaseUrl: string, connections: number, forSeconds: number): Promise<Figures> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  const app = Fastify();
  app.get('/ceiling', async () => {
    const { rows } = await pool.query('SELECT id FROM users WHERE username = $1', ['bench0']);
    return { id: rows[0]?.id };
  });
  const port = await findFreePort('127.0.0.1');
  await app.listen({ host: '127.0.0.1', port });
  try {
    const workers = Array.from({ length: connections }, () => ({ headers: {} }));
    return await drive(`http://127.0.0.1:${port}`, workers, ['/ceiling'], forSeconds);
  } finally {
    await app.close();
    await pool.end();
  }
}

const platform = await startBenchPlatform('load');
try {
  const termsAcceptedAt = new Date(Date.now() - 60_000);
  const accounts = [];
  for (let n = 0; n < users; n += 1)
    accounts.push(await createOtpUser(platform.db, { username: `bench${n}`, termsAcceptedAt }));

  const portalUsers = [];
  for (const account of accounts)
    portalUsers.push({
      headers: await logInOverHttp(platform.url, account.username, account.code(new Date())),
    });

  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 1000);
  console.log(`${users} portal users, ${seconds} s, each polling ${PAGE.join(', ')} in turn`);
  const mona = await drive(platform.url, portalUsers, PAGE, seconds);
  clearInterval(sampler);
  report('mona', mona);
  console.log(`peak RSS (server and driver in one process): ${(peakRss / 2 ** 20).toFixed(0)} MiB`);

  // The session poll alone, and the ceiling, with the same number of connections.
  const connections = Math.min(100, portalUsers.length);
  const pollSeconds = Math.min(seconds, 30);
  const sessionOnly = await drive(
    platform.url,
    portalUsers.slice(0, connections),
    ['/api/session'],
    pollSeconds,
  );
  report(`GET /api/session, ${connections} connections`, sessionOnly);
  report(
    `ceiling, ${connections} connections`,
    await ceiling(platform.databaseUrl, connections, pollSeconds),
  );
} finally {
  await platform.stop();
}
