import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import pino from 'pino';
import type { Config } from '../../config/schema.js';
import { sessionHostAssets } from '../../host-agent/assets.js';
import { startHostAgent } from '../../host-agent/host-agent.js';
import { missingHostPackages } from '../../host-agent/host-packages.js';
import type { SessionLimits } from '../../host-agent/session-cgroup.js';
import { localeAdvice, missingSessionLocales } from '../../host-agent/session-locale.js';
import { loggerOptions } from '../../http/logging.js';
import { readTlsFiles, stopOnSignals } from '../../runtime/process-setup.js';
import { runningAsRoot } from '../../storage/unix-accounts.js';
import { CliError } from '../cli-error.js';
import { configFrom, type StateOptions, withStateOptions } from '../state-options.js';

/** The host's secret: from the environment or a root-only file, never echoed. */
export function hostSecret(settings: Config['hostAgent']): string {
  if (settings.secret) return settings.secret;
  if (!settings.secretFile) {
    throw new CliError('hostAgent.secret is not set: give MONA_HOST_AGENT__SECRET or hostAgent.secretFile');
  }
  try {
    return readFileSync(settings.secretFile, 'utf8').trim();
  } catch (error) {
    throw new CliError(
      `hostAgent.secretFile: cannot read ${settings.secretFile}: ${(error as NodeJS.ErrnoException).code}`,
    );
  }
}

/** `mona host-agent`: runs on a session host, as root, and runs users' desktops for the platform. */
function desktopLimits(limits: Config['hostAgent']['desktopLimits']): SessionLimits {
  const { cpus, memoryMegabytes } = limits;
  return { cpus, memoryBytes: memoryMegabytes === null ? null : memoryMegabytes * 1024 * 1024 };
}

export function registerHostAgentCommand(program: Command): void {
  withStateOptions(
    program
      .command('host-agent')
      .description('run desktop sessions on this session host for the platform (as root)'),
  ).action(async (options: StateOptions) => {
    const config = configFrom(options);
    const settings = config.hostAgent;
    if (!settings.name)
      throw new CliError('hostAgent.name is not set: the name given to "mona admin host add"');
    if (!settings.platformUrl)
      throw new CliError('hostAgent.platformUrl is not set: where "mona serve" is reached');
    if (!runningAsRoot())
      throw new CliError('mona host-agent must run as root: it runs desktops as their users');
    const missing = missingHostPackages();
    if (missing.length > 0) {
      throw new CliError(
        `missing Debian packages for desktops: ${missing.join(' ')}. Install them with: apt-get install ${missing.join(' ')}`,
      );
    }
    const missingLocales = missingSessionLocales();
    if (missingLocales.length > 0) throw new CliError(localeAdvice(missingLocales));
    const logger = pino(loggerOptions(config.log.level), pino.destination(1));
    const agent = await startHostAgent({
      name: settings.name,
      platformUrl: settings.platformUrl,
      secret: hostSecret(settings),
      listenHost: settings.listenHost,
      listenPort: settings.listenPort,
      advertiseUrl: settings.advertiseUrl,
      capacity: settings.capacity,
      heartbeatSeconds: settings.heartbeatSeconds,
      rdp: settings.rdp,
      tls: settings.tls ? readTlsFiles(settings.tls, 'hostAgent.tls') : null,
      runtimeRoot: settings.runtimeDir,
      assetsDir: sessionHostAssets(),
      limits: desktopLimits(settings.desktopLimits),
      openGl: settings.desktopOpenGl,
      logger,
    });
    logger.info({ host: settings.name, url: agent.url }, 'host agent running');
    stopOnSignals(() => agent.stop());
  });
}
