import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../../audit/audit-service.js';
import type { Config } from '../../config/schema.js';
import type { Db } from '../../db/connect.js';
import { type DemoSummary, isDemoSeeded, provisionDemo, seedDemo } from '../../demo/seed-demo.js';
import { loadAgentCa } from '../../desktop/desktop-deps.js';
import { desktopHousekeeping } from '../../desktop/desktop-housekeeping.js';
import type { CountryGate } from '../../entry/approved-country.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../../entry/terms-service.js';
import { identityHousekeeping } from '../../identity/housekeeping.js';
import { sessionTimeoutsOf } from '../../identity/session-service.js';
import { assertPortFree } from '../../net/ports.js';
import { createRdGateway } from '../../rd-gateway/rd-gateway.js';
import { airlockDeps, startJobWorker, vaultSettings } from '../../runtime/airlock.js';
import { startAuditCheckpoints } from '../../runtime/audit-checkpoints.js';
import { setUpBankId } from '../../runtime/bankid.js';
import { clamavForMode } from '../../runtime/clamav-signatures.js';
import { prepareDataDir } from '../../runtime/data-dir.js';
import { openDatabase } from '../../runtime/database.js';
import { type LocalHostState, startLocalHost } from '../../runtime/local-host.js';
import { createLogger } from '../../runtime/logger.js';
import { setUpMail } from '../../runtime/mail.js';
import { stopOnSignals } from '../../runtime/process-setup.js';
import { gatewayListenHost, type RdpSetup, setUpRdp } from '../../runtime/rdp.js';
import { writeRunFile } from '../../runtime/run-files.js';
import { publicUrl, readTls, startServer } from '../../runtime/server.js';
import { createGate, every } from '../../runtime/services.js';
import { mountHomes, unmountHomes } from '../../storage/provision.js';
import { runningAsRoot } from '../../storage/unix-accounts.js';
import { vaultRoot } from '../../storage/vault-paths.js';
import { CliError } from '../cli-error.js';
import { parsePort } from '../context.js';
import { configFrom, type StateOptions, withStateOptions } from '../state-options.js';
import { startBanner } from './start-banner.js';

type Mode = 'start' | 'serve';

export function registerServeCommands(program: Command): void {
  for (const mode of ['start', 'serve'] as const) {
    withStateOptions(
      program
        .command(mode)
        .description(
          mode === 'start'
            ? 'run the whole platform on the embedded database, with demo data on first run'
            : 'run the HTTP server (login, portal, MONA web, API)',
        ),
    )
      .option('--port <n>', 'HTTP port (default: 8080)', parsePort)
      .option('--host <address>', 'address to listen on (default: 127.0.0.1)')
      .action((options: StateOptions) => run(mode, options));
  }
}

async function run(mode: Mode, options: StateOptions): Promise<void> {
  const config = configFrom(options);
  // Refuse a busy port or unreadable TLS files before anything is created or started.
  await assertPortFree(config.http.host, config.http.port).catch((error: Error) => {
    throw new CliError(error.message);
  });
  readTls(config);
  if (config.desktop.rdp.enabled && (mode === 'start' || config.desktop.rdp.gatewayTls)) {
    const gatewayHost = gatewayListenHost(config);
    const { gatewayPort } = config.desktop.rdp;
    await assertPortFree(gatewayHost, gatewayPort).catch(() => {
      throw new CliError(
        `the RD gateway cannot listen on ${gatewayHost}:${gatewayPort}: choose another port with desktop.rdp.gatewayPort (MONA_DESKTOP__RDP__GATEWAY_PORT), or turn RDP files off with desktop.rdp.enabled=false`,
      );
    });
  }
  const gate = await createGate(config, mode);
  const dataDir = prepareDataDir(config.dataDir);
  const { logger, file: logFile } = await createLogger(
    config,
    dataDir,
    mode === 'start' ? 'data-dir' : 'stdout',
  );

  const database = await openDatabase(config, dataDir, {
    embedded: mode === 'start' ? 'own' : 'attach',
    mayInitialise: true,
    migrate: true,
    log: (line) => logger.debug({ postgres: line }),
  });
  const closers: (() => Promise<void>)[] = [() => database.close()];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close();
  };
  try {
    const db = database.db;
    if (database.applied.length > 0) logger.info({ applied: database.applied }, 'migrations applied');
    await publishTermsDirectory(db, config.terms.directory ?? SHIPPED_TERMS_DIRECTORY, SYSTEM_ACTOR);
    let demo: DemoSummary | null = null;
    if (mode === 'start' && !(await isDemoSeeded(db))) {
      demo = await seedDemo(db, {
        dataDir,
        vaultRoot: vaultRoot(config, dataDir),
        persons: config.demo.persons,
        seed: config.demo.seed,
        actor: SYSTEM_ACTOR,
      });
    }
    if (mode === 'start') await provisionDemo(db, vaultSettings(config, dataDir));
    const homes = await mountHomes(db, vaultSettings(config, dataDir));
    if (homes > 0) logger.info({ homes }, "users' quota images mounted");
    // Last of all, after the worker and the desktops' host: a stopped demo's data dir can be deleted.
    if (mode === 'start') closers.push(() => unmountHomes(vaultSettings(config, dataDir), logger));
    if (!runningAsRoot()) {
      logger.warn(
        'not running as root: the vault keeps its layout, but no Unix accounts, groups or quota filesystems are made, so the operating system does not keep projects and users apart',
      );
    }
    const mail = await setUpMail(config, dataDir, mode);
    closers.push(() => mail.close());
    const bankid = await setUpBankId(config, mode, publicUrl(config, Boolean(config.http.tls)));
    closers.push(() => bankid.close());
    // `mona start` runs the worker in-process; with `mona serve`, run `mona worker` beside it.
    let nudgeWorker = () => {};
    const scanning = clamavForMode(config, dataDir, mode);
    const airlock = airlockDeps(scanning.config, dataDir, db, () => nudgeWorker());
    if (mode === 'start') {
      const worker = startJobWorker(airlock, logger, config.jobs.lockSeconds);
      nudgeWorker = worker.nudge;
      closers.push(() => worker.stop());
      const stopCheckpoints = startAuditCheckpoints(config, dataDir, db, logger, 'start');
      closers.push(async () => stopCheckpoints());
    }
    const rdp = setUpRdp(config, dataDir, mode, publicUrl(config, Boolean(config.http.tls)));
    const server = await startServer(config, db, logger, {
      gate,
      mail,
      bankid: bankid.broker,
      airlock,
      rdp: rdp.files,
    });
    closers.push(() => server.app.close());
    const agentCa = loadAgentCa(config);
    const gatewayAt = rdp.gateway ? await startRdGateway(config, { db, gate, agentCa }, rdp.gateway) : null;
    if (gatewayAt) closers.push(gatewayAt.close);
    if (mode === 'serve') {
      if (rdp.note) logger.warn(rdp.note);
      if (gatewayAt) logger.info({ gateway: gatewayAt.address }, 'RD gateway listening');
    }
    writeRunFile(dataDir, 'server', { url: server.url, mode });
    const stopHousekeeping = every(
      30,
      () => identityHousekeeping(db, new Date()),
      (error) => logger.error({ err: error }, 'housekeeping failed'),
    );
    closers.push(async () => stopHousekeeping());
    let desktops: LocalHostState | null = null;
    if (mode === 'start') {
      const localHost = await startLocalHost(db, dataDir, server.url, logger, {
        rdp: rdp.files !== null,
      });
      desktops = localHost.state;
      closers.push(localHost.stop);
      const stopDesktopTimers = every(
        5,
        () => desktopHousekeeping({ db, agentCa, settings: config.desktop, now: () => new Date() }),
        (error) => logger.error({ err: error }, 'desktop housekeeping failed'),
      );
      closers.push(async () => stopDesktopTimers());
    }
    stopOnSignals(closeAll);
    if (mode === 'start') {
      process.stdout.write(
        startBanner({
          url: server.url,
          dataDir,
          database: database.description,
          logFile,
          demo,
          mailCaught: mail.caughtMail !== null,
          devIdp: bankid.devIdpIssuer,
          testSignaturesOnly: scanning.testSignaturesOnly,
          asRoot: runningAsRoot(),
          desktops,
          rdp: { gateway: rdp.files?.gatewayHost ?? null, note: rdp.note },
        }),
      );
    } else {
      if (!mail.mailer) logger.warn('mail.smtp is not configured: no mail can be sent');
      logger.info({ url: server.url, database: database.description }, 'mona is serving');
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** mona's RD gateway for RDP files: a TLS port of its own beside the HTTP server. */
async function startRdGateway(
  config: Config,
  { db, gate, agentCa }: { db: Db; gate: CountryGate; agentCa: Buffer | null },
  gateway: NonNullable<RdpSetup['gateway']>,
): Promise<{ address: string; close: () => Promise<void> }> {
  const server = createRdGateway(
    {
      db,
      agentCa,
      gate,
      now: () => new Date(),
      // R25, told to the client; the file's own setting is overridden.
      idleTimeoutMinutes: Math.max(1, Math.round(config.desktop.idleSeconds / 60)),
      maxConnections: config.desktop.rdp.maxTunnels,
      maxHandshakesPerAddress: config.desktop.rdp.maxHandshakesPerAddress,
      keepaliveMs: config.desktop.rdp.keepaliveMilliseconds,
      portalTimeouts: sessionTimeoutsOf(config.identity),
    },
    gateway.tls,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new CliError(`the RD gateway cannot listen on ${gateway.host}:${gateway.port}: ${error.code}`)),
    );
    server.listen(gateway.port, gateway.host, () => resolve());
  });
  return {
    address: `${gateway.host}:${gateway.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
