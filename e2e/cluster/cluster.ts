import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import YAML from 'yaml';
import { eicarSignatureFile } from '../../src/airlock/inspect/clamav.js';
import { findDesktops, stopDesktop } from '../../src/host-agent/desktop-session.js';
import { findFreePort } from '../../src/net/ports.js';
import { unixGroupName, unixUserName } from '../../src/storage/unix-accounts.js';
import { type Invitation, inviteUser } from '../helpers/invitations.js';
import { mona } from '../helpers/mona-cli.js';
import { root } from '../helpers/servers.js';
import { Machine } from './machines.js';
import { type PostgresServer, startPostgres } from './postgres.js';
import { MonaProcess } from './processes.js';
import { ReverseProxy } from './proxy.js';
import { missingClusterPackages } from './requirements.js';
import { confinedAsUnit } from './systemd-units.js';

const run = promisify(execFile);

/** The address the proxy connects to the nodes from, and the only one they trust with X-Forwarded-For. */
const PROXY_SOURCE = '127.0.0.2';
/** Each agent listens on this port of its own machine's address. */
const AGENT_PORT = 8190;

/** A session host: its machine (a network namespace) and its agent. */
export interface SessionHost {
  name: string;
  machine: Machine;
  agent: MonaProcess;
  /** Where its agent keeps its desktops' state (hostAgent.runtimeDir). */
  runtimeDir: string;
}

/**
 * The production layout of docs/operations.md on one machine: Debian's PostgreSQL with the owner's and the
 * platform's roles, two `mona serve` nodes behind a reverse proxy, one `mona worker`, and two session hosts,
 * each a `mona host-agent` in a network namespace of its own. All share the vault; the nodes and the worker
 * share the quarantine too. Each process has its own data dir and YAML configuration, as on a machine of
 * its own, and runs confined as its systemd unit says.
 */
export class Cluster {
  readonly projectId = `P7${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
  readonly nodes: MonaProcess[] = [];
  readonly hosts: SessionHost[] = [];
  worker!: MonaProcess;
  proxy!: ReverseProxy;
  /** Where browsers reach the platform: the proxy. */
  url = '';
  private postgres: PostgresServer | null = null;
  private readonly usernames: string[] = [];
  /** The HTTP port of each `mona serve` node, on loopback: only the proxy connects to them. */
  private readonly nodePorts = new Map<string, number>();

  private constructor(readonly dir: string) {}

  private get checkpointKey(): string {
    return join(this.dir, 'audit-checkpoint.pem');
  }

  get vault(): string {
    return join(this.dir, 'vault');
  }

  static async start(): Promise<Cluster> {
    const dir = await mkdtemp(join(tmpdir(), 'mona-cluster-'));
    // Users pass through to the vault and their desktops' folders.
    chmodSync(dir, 0o711);
    const cluster = new Cluster(dir);
    try {
      await cluster.bringUp();
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  private async bringUp(): Promise<void> {
    if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('run "npm run build" first');
    const missing = missingClusterPackages();
    if (missing.length > 0) {
      throw new Error(
        `missing Debian packages ${missing.join(' ')}: bash scripts/system-deps.sh test installs them`,
      );
    }
    mkdirSync(join(this.dir, 'logs'));
    const proxyPort = await findFreePort('127.0.0.1');
    this.url = `http://127.0.0.1:${proxyPort}`;
    for (const name of ['serve-a', 'serve-b']) this.nodePorts.set(name, await findFreePort('127.0.0.1'));
    this.hosts.push(...['a', 'b'].map((name, index) => this.sessionHost(name, index + 1)));
    // The key is made on a trusted machine and given to the worker only (keygen touches no installation).
    const keygen = ['dist/cli/main.js', 'admin', 'audit', 'keygen', '--out', this.checkpointKey];
    const [postgres] = await Promise.all([
      startPostgres(this.dir),
      run(process.execPath, keygen, { cwd: root }),
      ...this.hosts.map((host) => host.machine.create()),
    ]);
    this.postgres = postgres;
    this.writeConfigs();
    await this.operator(['migrate'], { MIGRATION_DATABASE_URL: postgres.ownerUrl });

    const upstreams = [...this.nodePorts].map(([name, port]) => ({ name, port }));
    this.proxy = new ReverseProxy(upstreams, PROXY_SOURCE);
    await this.proxy.listen(['127.0.0.1', ...this.hosts.map((host) => host.machine.gateway)], proxyPort);
    for (const name of this.nodePorts.keys()) this.nodes.push(this.platformProcess(name, 'serve'));
    this.worker = this.platformProcess('worker', 'worker');
    for (const each of [...this.nodes, this.worker]) each.start();

    const org = ['--name', 'Cluster University', '--dpa-reference', 'DPA-1', '--dpa-signed-on', '2026-01-15'];
    const project = ['--id', this.projectId, '--name', 'Cluster study', '--org', 'Cluster University'];
    await Promise.all([
      ...this.nodes.map((node) => this.nodeReady(node)),
      this.worker.waitUntil('its start', async () => /mona worker is running/.test(this.worker.log())),
      ...this.hosts.map(async (host) => {
        await this.operator(['admin', 'host', 'add', host.name, '--secret-file', this.secretFile(host.name)]);
        host.agent.start();
        await this.hostUp(host);
      }),
      this.operator(['admin', 'org', 'create', ...org]).then(() =>
        this.operator(['admin', 'project', 'create', ...project]),
      ),
    ]);
  }

  /** A serve node or the worker, with the platform's database; confined as its unit. */
  private platformProcess(name: string, command: 'serve' | 'worker'): MonaProcess {
    const unit = command === 'serve' ? 'mona-serve@.service' : 'mona-worker.service';
    return new MonaProcess({
      name,
      args: [command, '--config', this.configFile(name)],
      env: this.databaseEnv(),
      logFile: this.logFile(name),
      wrap: (line) => [...confinedAsUnit(unit), ...line],
    });
  }

  /** A session host: its agent, which knows no database, in its own machine's network. */
  private sessionHost(name: string, index: number): SessionHost {
    const machine = new Machine(name, index);
    const hostName = `sh-${name}`;
    const agent = new MonaProcess({
      name: hostName,
      args: ['host-agent', '--config', this.configFile(hostName)],
      env: {},
      logFile: this.logFile(hostName),
      wrap: (line) => machine.enter([...confinedAsUnit('mona-host-agent.service'), ...line]),
    });
    return { name: hostName, machine, agent, runtimeDir: `/run/mona/cluster-${name}` };
  }

  private logFile(name: string): string {
    return join(this.dir, 'logs', `${name}.log`);
  }

  private databaseEnv(): Record<string, string> {
    // Only the platform's role: nothing but `mona migrate` holds the owner's password.
    return { DATABASE_URL: this.postgres?.appUrl ?? '' };
  }

  configFile(name: string): string {
    return join(this.dir, `${name}.yaml`);
  }

  secretFile(hostName: string): string {
    return join(this.dir, `${hostName}.secret`);
  }

  /** Each process's configuration, as its machine's /etc/mona/*.yaml would hold it. */
  private writeConfigs(): void {
    const signatures = join(this.dir, 'eicar-test.ndb');
    writeFileSync(signatures, eicarSignatureFile());
    const agentCa = join(this.dir, 'agents-ca.pem');
    writeFileSync(agentCa, this.hosts.map((host) => this.agentCertificate(host).cert).join(''));
    const platform = (name: string, port?: number) => ({
      environment: 'production',
      dataDir: join(this.dir, name),
      operator: { name: 'Cluster Test Office' },
      http: {
        host: '127.0.0.1',
        ...(port ? { port } : {}),
        publicUrl: `${this.url}/`,
        trustedProxies: [PROXY_SOURCE],
      },
      // The browsers of this test come from loopback, through the proxy.
      access: { allowPrivateNetworks: true },
      identity: { throttle: { perIpPerMinute: 1000, perAddress: { freeGuesses: 1000 } } },
      vault: { root: this.vault, quotaImages: false },
      airlock: { quarantineDir: join(this.dir, 'quarantine'), clamav: { databasePath: signatures } },
      // An agent restarted on a busy test machine may take longer than the default 45 s to report again; its
      // desktops would be ended as lost, which is not what the test is about.
      desktop: { agentCaFile: agentCa, hostLostSeconds: 120, rdp: { enabled: false } },
      audit: {
        checkpoints: {
          keyFile: this.checkpointKey,
          file: join(this.dir, 'checkpoints.jsonl'),
        },
      },
      log: { level: 'info' },
    });
    const write = (name: string, config: unknown) =>
      writeFileSync(this.configFile(name), YAML.stringify(config));
    for (const [name, port] of this.nodePorts) write(name, platform(name, port));
    write('worker', platform('worker'));
    write('operator', platform('operator'));
    for (const host of this.hosts) {
      const tls = this.agentCertificate(host);
      write(host.name, {
        environment: 'production',
        dataDir: join(this.dir, host.name),
        hostAgent: {
          name: host.name,
          platformUrl: `http://${host.machine.gateway}:${new URL(this.url).port}/`,
          secretFile: this.secretFile(host.name),
          listenHost: host.machine.address,
          listenPort: AGENT_PORT,
          capacity: 4,
          heartbeatSeconds: 2,
          tls: { certFile: tls.certFile, keyFile: tls.keyFile },
          runtimeDir: host.runtimeDir,
          // Four desktops on a small machine.
          desktopLimits: { cpus: 1, memoryMegabytes: 1024 },
        },
      });
    }
  }

  /** The agent's certificate for its own address, self-signed: the platform trusts it by desktop.agentCaFile. */
  private agentCertificate(host: SessionHost): { certFile: string; keyFile: string; cert: string } {
    const certFile = join(this.dir, `${host.name}.pem`);
    const keyFile = join(this.dir, `${host.name}.key`);
    if (!existsSync(certFile)) {
      const subject = ['-subj', `/CN=${host.name}`, '-addext', `subjectAltName=IP:${host.machine.address}`];
      const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
      execFileSync('openssl', [...args, '-days', '2', ...subject, '-keyout', keyFile, '-out', certFile], {
        stdio: 'ignore',
      });
    }
    return { certFile, keyFile, cert: readFileSync(certFile, 'utf8') };
  }

  /** An operator command, as run on a machine with the platform's configuration. */
  operator(args: string[], env: Record<string, string> = {}): Promise<string> {
    return mona(args, join(this.dir, 'operator'), this.operatorEnv(env));
  }

  private operatorEnv(env: Record<string, string> = {}): Record<string, string> {
    return { MONA_CONFIG: this.configFile('operator'), ...this.databaseEnv(), ...env };
  }

  /** A query as the platform's role, for what a test checks in the database. */
  async sql<Row>(text: string, values: unknown[] = []): Promise<Row[]> {
    const client = new pg.Client({ connectionString: this.postgres?.appUrl });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as Row[];
    } finally {
      await client.end();
    }
  }

  /** A new researcher of the cluster's project, invited as an operator does; removed with the cluster. */
  invite(username: string): Promise<Invitation> {
    this.usernames.push(username);
    return inviteUser(join(this.dir, 'operator'), username, `Cluster ${username}`, {
      project: this.projectId,
      env: this.operatorEnv(),
    });
  }

  private async nodeReady(node: MonaProcess): Promise<void> {
    const port = this.nodePorts.get(node.name);
    await node.waitUntil('/readyz', async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok);
  }

  async restartNode(node: MonaProcess): Promise<void> {
    node.start();
    await this.nodeReady(node);
  }

  /**
   * Waits until the platform has the host up, its agent having registered (again) and reported since: what
   * `mona admin host list` shows as up.
   */
  async hostUp(host: SessionHost, since = new Date()): Promise<void> {
    await host.agent.waitUntil('the platform to see it up', async () => {
      const rows = await this.sql<{ up: boolean }>(
        `SELECT last_seen_at > $2 AND agent_url IS NOT NULL AS up FROM session_hosts WHERE name = $1`,
        [host.name, since],
      );
      return rows[0]?.up === true;
    });
  }

  /** What each process logged, for a failed test's report. */
  logs(): Record<string, string> {
    const logs: Record<string, string> = {};
    for (const each of [...this.nodes, this.worker, ...this.hosts.map((host) => host.agent)]) {
      if (each) logs[`${each.name}.log`] = each.log();
    }
    if (this.postgres && existsSync(this.postgres.logFile)) {
      logs['postgres.log'] = readFileSync(this.postgres.logFile, 'utf8');
    }
    return logs;
  }

  /** Everything undone: desktops, processes, the database, the namespaces, Unix accounts and groups, files. */
  async stop(): Promise<void> {
    const problems: string[] = [];
    const attempt = async (what: string, step: () => Promise<unknown>) => {
      await step().catch((error: Error) => problems.push(`${what}: ${error.message}`));
    };
    for (const each of [...this.hosts.map((host) => host.agent), this.worker, ...this.nodes]) {
      if (each) await attempt(`stopping ${each.name}`, () => each.stop());
    }
    // Desktops outlive their agents: they are ended as an agent ends them, with the database thrown away.
    for (const host of this.hosts) {
      await attempt(`desktops of ${host.name}`, async () => {
        const options = { runtimeRoot: host.runtimeDir, assetsDir: join(root, 'session-host') };
        const { alive } = await findDesktops({
          ...options,
          limits: { cpus: null, memoryBytes: null },
          openGl: false,
        });
        for (const desktop of alive) await stopDesktop(desktop);
        await rm(host.runtimeDir, { recursive: true, force: true });
      });
    }
    await attempt('the proxy', async () => this.proxy?.close());
    await attempt('PostgreSQL', async () => this.postgres?.stop());
    for (const host of this.hosts) await attempt(`machine ${host.name}`, () => host.machine.remove());
    for (const username of this.usernames) {
      const account = unixUserName(username);
      await run('userdel', [account]).catch(() => {});
      await run('groupdel', [account]).catch(() => {});
    }
    await run('groupdel', [unixGroupName(this.projectId)]).catch(() => {});
    await attempt('the files', () => rm(this.dir, { recursive: true, force: true }));
    if (problems.length > 0) throw new Error(`cleaning up the cluster:\n${problems.join('\n')}`);
  }
}
