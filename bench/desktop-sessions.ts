// How a session host scales: N desktops opened at once for N different users on this machine's local session
// host (`mona start` as root), for each N. Prints the time to the first frame (new and resumed), the memory of
// an idle desktop, and the CPU the host, the desktops and the platform use while the desktops sit idle with a
// viewer connected.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { SYSTEM_ACTOR } from '../src/audit/audit-service.js';
import { withDatabase } from '../src/cli/context.js';
import { DEMO_ACCOUNTS, DEMO_PROJECT } from '../src/demo/demo-fixture.js';
import { removeSessionCgroup } from '../src/host-agent/session-cgroup.js';
import { addMember } from '../src/projects/project-service.js';
import { vaultSettings } from '../src/runtime/airlock.js';
import { provisionMember } from '../src/storage/provision.js';
import { unixGroupName, unixUserName } from '../src/storage/unix-accounts.js';
import { createOtpUser } from '../test/users.js';
import {
  cpuTicksByProgram,
  cpuTicksOf,
  desktopPids,
  hostCpu,
  loadAverage,
  type Memory,
  memoryOf,
  processTree,
  ticksBetween,
  ticksByProgramBetween,
} from './host-usage.js';
import { logInOverHttp } from './http-session.js';
import { cleanUpOnInterrupt, type RunningMona, startMona } from './mona-start.js';
import { type Encoding, openViewer, type Viewer } from './rfb-viewer.js';

export interface SessionsOptions {
  counts: number[];
  /** After the desktops opened, before measuring them. */
  settleSeconds: number;
  /** How long the idle CPU is measured. */
  idleSeconds: number;
  /** A folder to keep the server's and the host agent's logs in; null: they go with the data dir. */
  logs: string | null;
  encoding: Encoding;
}

interface User {
  username: string;
  headers: Record<string, string>;
}

interface Row {
  sessions: number;
  opened: number[];
  firstFrame: number[];
  drawn: (number | null)[];
  resumed: number[];
  memory: Memory;
  /** Bytes a viewer received, on average, from the start until the desktops settled (Raw encoding). */
  receivedBytes: number;
  /** Bytes a viewer received per second, on average, while its desktop sat idle. */
  idleBytesPerSecond: number;
  /** CPU ticks the starts took: the desktops' programs, by name, and the platform's processes. */
  startCpu: {
    desktops: Map<string, number>;
    platform: number;
    platformByProgram: Map<string, number>;
    /** This benchmark's viewers, which run on the same host. */
    viewers: number;
  };
  cpu: { host: number; desktops: number; platform: number; platformByProgram: Map<string, number> };
  load: string;
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
const CPUS = hostCpuCount();

export async function benchSessions(options: SessionsOptions): Promise<void> {
  const run = Date.now().toString(36).slice(-4);
  const accountsBefore = new Set(monaAccounts('passwd'));
  const groupsBefore = new Set(monaAccounts('group'));
  const users: User[] = [];
  const viewers: Viewer[] = [];
  const sessionIds = new Set<string>();
  let mona: RunningMona | null = null;

  const cleanUp = cleanUpOnInterrupt(async () => {
    await Promise.all(viewers.splice(0).map((viewer) => viewer.close().catch(() => undefined)));
    if (mona) {
      await Promise.all(users.map((user) => endDesktop(mona as RunningMona, user).catch(() => undefined)));
      const { runtimeRoot } = mona;
      for (const file of existsSync(runtimeRoot) ? readdirSync(runtimeRoot) : []) {
        if (file.endsWith('.json')) sessionIds.add(file.slice(0, -'.json'.length));
      }
      await mona.stop(options.logs ?? undefined);
      await killLeftovers([...sessionIds], createdAccounts(accountsBefore));
      rmSync(runtimeRoot, { recursive: true, force: true });
    }
    removeAccounts(createdAccounts(accountsBefore), groupsBefore);
  });

  const rows: Row[] = [];
  try {
    mona = await startMona('sessions', {
      MONA_HOST_AGENT__CAPACITY: String(Math.max(...options.counts) + 5),
      MONA_IDENTITY__THROTTLE__PER_IP_PER_MINUTE: '10000',
      MONA_IDENTITY__THROTTLE__PER_ADDRESS__FREE_GUESSES: '1000',
    });
    const running = mona;
    await waitForHost(running);
    console.log(`load average at the start: ${loadAverage()} (${CPUS} CPUs, shared with other work)`);
    const baseline = await idleCpu(running, [], options.idleSeconds);
    console.log(
      `no desktops, ${options.idleSeconds} s: host ${percent(baseline.host)}, platform ${percent(baseline.platform)} (${breakdown(baseline.platformByProgram, percent)})`,
    );

    for (const count of options.counts) {
      const batch = await createUsers(running, run, count);
      users.push(...batch);
      const platformBefore = cpuTicksOf(processTree(running.server.pid as number));
      const viewersBefore = process.cpuUsage();
      const opened = await Promise.all(
        batch.map((user) => openViewer(running.base, user.headers, options.encoding)),
      );
      viewers.push(...opened);
      for (const viewer of opened) sessionIds.add(viewer.sessionId);
      const drawn = await Promise.all(opened.map((viewer) => viewer.drawnMs));
      const viewersUsage = process.cpuUsage(viewersBefore);
      await sleep(options.settleSeconds * 1000);
      const receivedBytes = opened.reduce((sum, viewer) => sum + viewer.receivedBytes(), 0) / count;
      const pids = (await Promise.all(opened.map((v) => desktopPids(v.sessionId)))).flat();
      const memory = memoryOf(pids);
      const inDesktops = new Set(pids);
      const platformAfter = cpuTicksOf(
        processTree(running.server.pid as number).filter((pid) => !inDesktops.has(pid)),
      );
      const startCpu = {
        desktops: cpuTicksByProgram(pids),
        platform: ticksBetween(platformBefore, platformAfter),
        platformByProgram: ticksByProgramBetween(platformBefore, platformAfter),
        viewers: ((viewersUsage.user + viewersUsage.system) / 1e6) * CLOCK_TICKS,
      };
      const desktops = opened.map((viewer) => viewer.sessionId);
      const load = loadAverage();
      const receivedBeforeIdle = sum(opened.map((viewer) => viewer.receivedBytes()));
      const cpu = await idleCpu(running, desktops, options.idleSeconds);
      const idleBytesPerSecond =
        (sum(opened.map((viewer) => viewer.receivedBytes())) - receivedBeforeIdle) /
        count /
        options.idleSeconds;

      await Promise.all(viewers.splice(0).map((viewer) => viewer.close()));
      await sleep(2000);
      const again = await Promise.all(
        batch.map((user) => openViewer(running.base, user.headers, options.encoding)),
      );
      viewers.push(...again);
      await Promise.all(viewers.splice(0).map((viewer) => viewer.close()));

      await Promise.all(batch.map((user) => endDesktop(running, user)));
      await Promise.all(desktops.map((sessionId) => desktopGone(sessionId)));
      const row: Row = {
        sessions: count,
        opened: opened.map((viewer) => viewer.openedMs),
        firstFrame: opened.map((viewer) => viewer.firstFrameMs),
        drawn,
        resumed: again.map((viewer) => viewer.firstFrameMs),
        memory,
        receivedBytes,
        idleBytesPerSecond,
        startCpu,
        cpu,
        load,
      };
      rows.push(row);
      printRow(row);
    }
    printTable(rows, options.idleSeconds);
  } catch (error) {
    if (mona) console.error(mona.logTails(20));
    throw error;
  } finally {
    await cleanUp();
  }
}

/** N new researchers of the demo project, made as an operator would (member added, account provisioned), logged in. */
async function createUsers(mona: RunningMona, run: string, count: number): Promise<User[]> {
  const usernames = Array.from({ length: count }, (_, n) => `bench.${run}.${count}x${n + 1}`);
  const made = await withDatabase({ dataDir: mona.dataDir }, async ({ db, config, dataDir }) => {
    const vault = vaultSettings(config, dataDir);
    const accounts = [];
    for (const username of usernames) {
      accounts.push(await createOtpUser(db, { username, termsAcceptedAt: new Date(Date.now() - 60_000) }));
      await addMember(db, DEMO_PROJECT.id, username, 'member', SYSTEM_ACTOR);
      await provisionMember(db, vault, username);
    }
    return accounts;
  });
  return Promise.all(
    made.map(async (account) => ({
      username: account.username,
      headers: await logInOverHttp(mona.base, account.username, account.code(new Date())),
    })),
  );
}

async function endDesktop(mona: RunningMona, user: User): Promise<void> {
  const response = await fetch(new URL('/api/desktop/end', mona.base), {
    method: 'POST',
    headers: { ...user.headers, 'content-type': 'application/json' },
    body: '{}',
  });
  if (!response.ok && response.status !== 404) throw new Error(`end: ${response.status}`);
}

/** The local session host has registered: a desktop can be opened. */
async function waitForHost(mona: RunningMona): Promise<void> {
  for (let tries = 0; !/\bup\b/.test(mona.mona('admin', 'host', 'list')); tries += 1) {
    if (tries > 60) throw new Error('the local session host did not come up');
    await sleep(500);
  }
}

/** Until the desktop's processes are gone, as ending it in the portal stops them. */
async function desktopGone(sessionId: string): Promise<void> {
  for (let tries = 0; (await desktopPids(sessionId)).length > 0; tries += 1) {
    if (tries > 600) throw new Error(`desktop ${sessionId} did not stop`);
    await sleep(100);
  }
}

/**
 * CPU used over `seconds` with nothing happening, as a share of all the host's CPUs: the host as a whole
 * (other work on this machine included), the desktops (their cgroups' processes), and the platform (the
 * `mona start` process tree: server, embedded PostgreSQL, host agent, xrdp) without the desktops.
 */
async function idleCpu(mona: RunningMona, desktops: string[], seconds: number) {
  const desktopProcesses = async () => (await Promise.all(desktops.map(desktopPids))).flat();
  const platformProcesses = async () => {
    const inDesktops = new Set(await desktopProcesses());
    return processTree(mona.server.pid as number).filter((pid) => !inDesktops.has(pid));
  };
  const hostBefore = hostCpu();
  const desktopsBefore = cpuTicksOf(await desktopProcesses());
  const platformBefore = cpuTicksOf(await platformProcesses());
  const started = performance.now();
  await sleep(seconds * 1000);
  const hostAfter = hostCpu();
  const desktopsAfter = cpuTicksOf(await desktopProcesses());
  const platformAfter = cpuTicksOf(await platformProcesses());
  const elapsedTicks = ((performance.now() - started) / 1000) * CLOCK_TICKS * CPUS;
  const hostTotal = hostAfter.total - hostBefore.total;
  const share = (ticks: number) => ticks / elapsedTicks;
  return {
    host: 1 - (hostAfter.idle - hostBefore.idle) / hostTotal,
    desktops: share(ticksBetween(desktopsBefore, desktopsAfter)),
    platform: share(ticksBetween(platformBefore, platformAfter)),
    platformByProgram: new Map(
      [...ticksByProgramBetween(platformBefore, platformAfter)].map(([name, ticks]) => [name, share(ticks)]),
    ),
  };
}

/** Ends what the benchmark left running (after an interruption): its desktops' processes, by pid. */
async function killLeftovers(sessionIds: string[], accounts: string[]): Promise<void> {
  const uids = new Set(accounts.map((name) => uidOf(name)).filter((uid) => uid !== null));
  for (let round = 0; round < 50; round += 1) {
    const pids = new Set((await Promise.all(sessionIds.map(desktopPids))).flat());
    for (const entry of readdirSync('/proc')) {
      if (/^\d+$/.test(entry) && uids.has(processUid(Number(entry)) ?? -1)) pids.add(Number(entry));
    }
    if (pids.size === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    await sleep(100);
  }
  for (const sessionId of sessionIds) await removeSessionCgroup(sessionId).catch(() => undefined);
}

/** The Unix accounts (or groups) mona makes that exist on this host now: the demo's, the bench's, others'. */
function monaAccounts(database: 'passwd' | 'group'): string[] {
  const names = readFileSync(`/etc/${database}`, 'utf8')
    .split('\n')
    .map((line) => line.split(':')[0] ?? '');
  return names.filter((name) => /^(m-|mh-|mona-)/.test(name));
}

/** Accounts this run made: its users' and, on a host that had none, the demo's. */
function createdAccounts(before: Set<string>): string[] {
  const ours = (name: string) =>
    name.startsWith('m-bench_') || DEMO_ACCOUNTS.some((account) => unixUserName(account.username) === name);
  return monaAccounts('passwd').filter((name) => !before.has(name) && ours(name));
}

function removeAccounts(accounts: string[], groupsBefore: Set<string>): void {
  for (const name of accounts) execFileSync('userdel', [name], { stdio: 'ignore' });
  const projectGroup = unixGroupName(DEMO_PROJECT.id);
  for (const group of monaAccounts('group')) {
    if (!groupsBefore.has(group) && (accounts.includes(group) || group === projectGroup)) {
      execFileSync('groupdel', [group], { stdio: 'ignore' });
    }
  }
}

function uidOf(name: string): number | null {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  return line ? Number(line.split(':')[2]) : null;
}

function processUid(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
  } catch {
    return null;
  }
}

function hostCpuCount(): number {
  return readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .filter((line) => /^cpu\d+ /.test(line)).length;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
}

const ms = (values: number[]) => `${quantile(values, 0.5).toFixed(0)}/${quantile(values, 0.99).toFixed(0)}`;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)}`;
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function drawnText(drawn: (number | null)[]): string {
  const seen = drawn.filter((value) => value !== null);
  const missing = drawn.length - seen.length;
  return `${seen.length > 0 ? ms(seen) : '-'}${missing > 0 ? ` (${missing} never)` : ''}`;
}

/** "name value, name value" by value, largest first. */
function breakdown(values: Map<string, number>, format: (value: number) => string): string {
  return [...values]
    .sort((a, b) => b[1] - a[1])
    .map(([name, value]) => `${name} ${format(value)}`)
    .join(', ');
}

const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);

/** CPU seconds per desktop start: its programs, and the platform's processes. */
function startSeconds(row: Row): { desktop: number; platform: number } {
  const seconds = (ticks: number) => ticks / CLOCK_TICKS / row.sessions;
  return { desktop: seconds(sum(row.startCpu.desktops.values())), platform: seconds(row.startCpu.platform) };
}

function printRow(row: Row): void {
  const perStart = (ticks: number) => (ticks / CLOCK_TICKS / row.sessions).toFixed(2);
  const perDesktop = (kb: number) => mb(kb / row.sessions);
  const start = startSeconds(row);
  console.log(
    `${row.sessions} desktops: opened p50/p99 ${ms(row.opened)} ms, first frame ${ms(row.firstFrame)} ms, ` +
      `drawn ${drawnText(row.drawn)} ms, resumed ${ms(row.resumed)} ms; load ${row.load}`,
  );
  console.log(
    `  CPU per start: desktop ${start.desktop.toFixed(2)} s (${breakdown(row.startCpu.desktops, perStart)}), ` +
      `platform ${start.platform.toFixed(2)} s (${breakdown(row.startCpu.platformByProgram, perStart)}), ` +
      `the viewers here ${perStart(row.startCpu.viewers)} s; ${mb(row.receivedBytes / 1024)} MB to each viewer`,
  );
  console.log(
    `  idle: PSS per desktop ${perDesktop(row.memory.pssKb)} MB (${breakdown(row.memory.byProgram, perDesktop)}); ` +
      `CPU host ${percent(row.cpu.host)}, desktops ${percent(row.cpu.desktops)}, ` +
      `platform ${percent(row.cpu.platform)} (${breakdown(row.cpu.platformByProgram, percent)}); ` +
      `${row.idleBytesPerSecond.toFixed(0)} bytes/s to each viewer`,
  );
}

function printTable(rows: Row[], idleSeconds: number): void {
  console.log('');
  console.log(
    '| desktops | first frame p50/p99 ms | drawn p50/p99 ms | resumed p50/p99 ms | CPU per start s (desktop + platform) | PSS per desktop MB | USS per desktop MB | idle CPU, desktops | idle CPU, platform | idle CPU, host (all work) | load average |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const row of rows) {
    const per = (kb: number) => mb(kb / row.sessions);
    const start = startSeconds(row);
    console.log(
      `| ${row.sessions} | ${ms(row.firstFrame)} | ${drawnText(row.drawn)} | ${ms(row.resumed)} | ` +
        `${start.desktop.toFixed(2)} + ${start.platform.toFixed(2)} | ${per(row.memory.pssKb)} | ${per(row.memory.ussKb)} | ` +
        `${percent(row.cpu.desktops)} | ${percent(row.cpu.platform)} | ${percent(row.cpu.host)} | ${row.load} |`,
    );
  }
  console.log(
    `CPU as a share of all ${CPUS} CPUs over ${idleSeconds} s with every desktop idle and its viewer connected.`,
  );
}
