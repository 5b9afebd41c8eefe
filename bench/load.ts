// Many portal users at once: each logged in, polling the session, listing uploads and looking at the
// desktop page, as the web app does, for 5 minutes. Prints requests per second, p50 and p99, errors
// (which must be 0) and the server's RSS; then the session poll alone, and the ceiling measured in the
// same run with the same load generator: a bare Fastify route answering with one indexed PostgreSQL
// query through pg. The servers (bench/load-server.ts) and the load generator (autocannon) run in
// separate processes.
//
// With --instructions N, the same requests are counted instead of timed: the server runs under
// valgrind's callgrind, and after N requests to warm it up, the instructions its process executes for
// N more are divided by N. Unlike times, these do not depend on what else the machine is doing.
//
// With --cpu-prof DIR, each server writes a V8 CPU profile into DIR when it stops (for Chrome's DevTools).
//
// Run: npm run bench:load -- [--users 200] [--duration 300] [--connections 100] [--instructions N] [--cpu-prof DIR]
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import type { Db } from '../src/db/connect.js';
import { createOtpUser } from '../test/users.js';
import { startBenchDatabase } from './bench-platform.js';
import { logInOverHttp } from './http-session.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string' },
    duration: { type: 'string', default: '300' },
    connections: { type: 'string', default: '100' },
    instructions: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});
const instructions = values.instructions ? Number(values.instructions) : null;
const users = Number(values.users ?? (instructions ? 20 : 200));
const duration = Number(values.duration);
const connections = Math.min(Number(values.connections), users);
const pollDuration = Math.min(duration, 60);

/**
 * What a portal user asks for, over and over: the web app's polls (the session, My files, the Remote
 * Desktop page, notices), which do not count as activity, and a page opened (My account), which does
 * and keeps the session from its idle timeout.
 */
const PAGE = ['/api/session', '/api/uploads', '/api/desktop', '/api/notices', '/api/account'];
const SESSION_POLL = ['/api/session'];
const CEILING = ['/ceiling'];

interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts bench/load-server.ts, under callgrind (not yet counting) when asked to. */
async function startServer(
  kind: 'mona' | 'ceiling',
  databaseUrl: string,
  dir: string,
  callgrind = false,
): Promise<Server> {
  const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];
  const node = [process.execPath, ...profile, '--import', 'tsx', join(import.meta.dirname, 'load-server.ts')];
  const args = [...node, kind, databaseUrl, join(dir, `${kind}.log`)];
  const valgrind = [
    'valgrind',
    '--tool=callgrind',
    '--instr-atstart=no',
    `--callgrind-out-file=${join(dir, `${kind}.callgrind.%p`)}`,
  ];
  const [command, ...rest] = callgrind ? [...valgrind, ...args] : args;
  // Callgrind slows the server, not the clock: its portal sessions must not reach their idle timeout.
  const env = callgrind ? { ...process.env, MONA_IDENTITY__SESSION_IDLE_SECONDS: '86400' } : process.env;
  const child = spawn(command as string, rest, { stdio: ['ignore', 'pipe', 'pipe'], env });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ url: string }>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) =>
      resolve(JSON.parse(line)),
    );
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code}): ${stderr.join('')}`)));
  });
  return {
    url: ready.url,
    pid: child.pid as number,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** `clients` connections, each with its own headers (its user's cookie), asking for `paths` in turn. */
async function load(
  base: string,
  clients: Record<string, string>[],
  paths: string[],
  limit: { duration: number } | { amount: number },
): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url: base,
    connections: clients.length,
    // Under callgrind, a server is some fifty times slower; the default 10 s would count as errors.
    timeout: instructions ? 300 : 10,
    ...limit,
    setupClient: (client) => {
      const headers = clients[next % clients.length] ?? {};
      next += 1;
      client.setRequests(paths.map((path) => ({ method: 'GET', path, headers })));
    },
  });
}

function errorsOf(result: autocannon.Result): number {
  return result.errors + result.non2xx;
}

function report(label: string, result: autocannon.Result): void {
  console.log(
    `${label}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, ` +
      `p99 ${result.latency.p99} ms, errors ${errorsOf(result)} of ${result.requests.total}`,
  );
  if (errorsOf(result) > 0) process.exitCode = 1;
}

/** Transactions the database has committed: a statement outside a transaction counts as one. */
async function committed(db: Db): Promise<number> {
  // Backends report their counts at most once a second.
  await sleep(1500);
  const { rows } = await sql<{ count: number }>`
    SELECT xact_commit::int AS count FROM pg_stat_database WHERE datname = current_database()`.execute(db);
  return rows[0]?.count ?? 0;
}

/** The fields of /proc/<pid>/stat after the command's name, or null for a process that has ended. */
function statOf(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU time (user and system, in clock ticks of 10 ms) each process has used so far. */
function cpuTicks(pids: number[]): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    const stat = statOf(pid);
    if (stat) ticks.set(pid, Number(stat[11]) + Number(stat[12]));
  }
  return ticks;
}

/** The PostgreSQL server and its backends. */
function postgresPids(postmaster: number): number[] {
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => statOf(pid)?.[1] === String(postmaster));
  return [postmaster, ...children];
}

function residentMiB(pid: number): { now: string; peak: string } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { now: (kib('VmRSS') / 1024).toFixed(0), peak: (kib('VmHWM') / 1024).toFixed(0) };
}

/**
 * Runs `phase` and says what each of its requests cost: database transactions, and CPU time in the
 * server, in PostgreSQL and in the load generator (which share the machine's cores).
 */
async function costOf(server: Server, phase: () => Promise<autocannon.Result>) {
  const transactionsBefore = await committed(db);
  const serverBefore = cpuTicks([server.pid]);
  const postgresBefore = cpuTicks(postgresPids(postmasterPid));
  const driverBefore = process.cpuUsage();
  const result = await phase();
  const driver = process.cpuUsage(driverBefore);
  const spent = (before: Map<number, number>, after: Map<number, number>) =>
    [...after].reduce((sum, [pid, ticks]) => sum + ticks - (before.get(pid) ?? 0), 0) * 10_000;
  const requests = result.requests.total;
  const micros = (total: number) => (total / requests).toFixed(0);
  const cpu = {
    server: micros(spent(serverBefore, cpuTicks([server.pid]))),
    postgres: micros(spent(postgresBefore, cpuTicks(postgresPids(postmasterPid)))),
    driver: micros(driver.user + driver.system),
  };
  const transactions = ((await committed(db)) - transactionsBefore) / requests;
  return {
    result,
    summary:
      `per request: ${transactions.toFixed(2)} database transactions; CPU ${cpu.server} µs in the server, ` +
      `${cpu.postgres} µs in PostgreSQL, ${cpu.driver} µs in the load generator`,
  };
}

/** Instructions the server executes per request for `paths`, after as many requests to warm it up. */
async function instructionsPerRequest(
  server: Server,
  dir: string,
  clients: Record<string, string>[],
  paths: string[],
  amount: number,
): Promise<number> {
  await load(server.url, clients, paths, { amount });
  const control = (option: string) =>
    execFileSync('callgrind_control', [option, String(server.pid)], { stdio: 'pipe' });
  control('--instr=on');
  control('--zero');
  const result = await load(server.url, clients, paths, { amount });
  if (errorsOf(result) > 0) throw new Error(`${errorsOf(result)} errors while counting ${paths.join(', ')}`);
  control('--dump');
  const dumps = execFileSync('sh', ['-c', `ls -t ${dir}/*.callgrind.${server.pid}.*`])
    .toString()
    .split('\n');
  const totals = /^totals: (\d+)/m.exec(readFileSync(dumps[0] as string, 'utf8'));
  return Number(totals?.[1]) / result.requests.total;
}

const database = await startBenchDatabase('load');
const { db, databaseUrl, dataDir, postmasterPid } = database;
let running: Server | null = null;
try {
  const termsAcceptedAt = new Date(Date.now() - 60_000);
  const accounts = [];
  for (let n = 0; n < users; n += 1)
    accounts.push(await createOtpUser(db, { username: `bench${n}`, termsAcceptedAt }));

  const server = await startServer('mona', databaseUrl, dataDir);
  running = server;
  const portalUsers: Record<string, string>[] = [];
  for (const account of accounts)
    portalUsers.push(await logInOverHttp(server.url, account.username, account.code(new Date())));
  const pollers = portalUsers.slice(0, connections);
  const anonymous = pollers.map(() => ({}));

  if (instructions) {
    const amount = instructions;
    console.log(
      `instructions per request, in the server's process, ${connections} connections, ${amount} requests`,
    );
    // The sessions are in the database: another node, this one under callgrind, serves them as well.
    await server.stop();
    running = null;
    const counted = await startServer('mona', databaseUrl, dataDir, true);
    running = counted;
    const poll = await instructionsPerRequest(counted, dataDir, pollers, SESSION_POLL, amount);
    const page = await instructionsPerRequest(counted, dataDir, pollers, PAGE, amount);
    await counted.stop();
    running = null;
    const ceilingServer = await startServer('ceiling', databaseUrl, dataDir, true);
    running = ceilingServer;
    const ceiling = await instructionsPerRequest(ceilingServer, dataDir, anonymous, CEILING, amount);
    const thousands = (n: number) => `${(n / 1000).toFixed(0)}k`;
    console.log(`GET /api/session: ${thousands(poll)}`);
    console.log(`portal page (${PAGE.join(', ')}): ${thousands(page)}`);
    console.log(`ceiling: ${thousands(ceiling)}`);
    console.log(`ceiling / session poll: ${((ceiling / poll) * 100).toFixed(0)}%`);
  } else {
    console.log(`${users} portal users, ${duration} s, each asking for ${PAGE.join(', ')} in turn`);
    const page = await costOf(server, () => load(server.url, portalUsers, PAGE, { duration }));
    report('portal users', page.result);
    const rss = residentMiB(server.pid);
    console.log(`  server RSS ${rss.now} MiB, peak ${rss.peak} MiB; ${page.summary}`);

    const poll = await costOf(server, () =>
      load(server.url, pollers, SESSION_POLL, { duration: pollDuration }),
    );
    report(`GET /api/session, ${connections} connections, ${pollDuration} s`, poll.result);
    console.log(`  ${poll.summary}`);
    await server.stop();
    running = null;

    const ceilingServer = await startServer('ceiling', databaseUrl, dataDir);
    running = ceilingServer;
    await load(ceilingServer.url, anonymous, CEILING, { duration: Math.min(5, pollDuration) });
    const ceiling = await costOf(ceilingServer, () =>
      load(ceilingServer.url, anonymous, CEILING, { duration: pollDuration }),
    );
    report(`ceiling, ${connections} connections, ${pollDuration} s`, ceiling.result);
    console.log(`  ${ceiling.summary}`);
    const ratio = poll.result.requests.average / ceiling.result.requests.average;
    console.log(`session poll / ceiling: ${(ratio * 100).toFixed(0)}%`);
  }
} finally {
  await running?.stop();
  await database.stop();
}
