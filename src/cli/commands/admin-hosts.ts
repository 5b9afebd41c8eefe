import { writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import { loadAgentCa } from '../../desktop/desktop-deps.js';
import { liveSessionOf, liveSessions } from '../../desktop/desktop-session-repository.js';
import {
  addHost,
  HostError,
  listHosts,
  rotateHostSecret,
  setHostEnabled,
} from '../../desktop/host-registry.js';
import { endSession } from '../../desktop/session-lifecycle.js';
import { findUserByUsername, usernamesByIds } from '../../identity/user-repository.js';
import { CliError } from '../cli-error.js';
import { cliActor, withDatabase } from '../context.js';
import { type StateOptions, withStateOptions } from '../state-options.js';

interface SecretOptions extends StateOptions {
  capacity?: number;
  secretFile?: string;
}

function parseCapacity(value: string): number {
  const capacity = Number(value);
  if (!/^\d+$/.test(value) || capacity > 10_000)
    throw new InvalidArgumentError('must be a whole number from 0 to 10000');
  return capacity;
}

/** The secret goes to a root-only file, or to standard output once: the platform keeps only its hash. */
function handOver(secret: string, file: string | undefined): void {
  if (file) {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    process.stdout.write(
      `the host's secret is in ${file} (mode 0600): give it to the agent as hostAgent.secretFile\n`,
    );
  } else {
    process.stdout.write(`${secret}\n`);
  }
}

const hostErrors = (error: unknown) => {
  throw error instanceof HostError ? new CliError(error.message) : error;
};

/** Session hosts and the desktop sessions on them, until the support console. */
export function registerHostCommands(admin: Command): void {
  const host = admin.command('host').description('session hosts (mona host-agent)');

  withStateOptions(
    host
      .command('add')
      .description("add a session host and print its secret (shown once) for the host's agent")
      .argument('<name>', 'the host name: a-z, 0-9, -')
      .option('--capacity <n>', 'desktop sessions it takes (default: what its agent reports)', parseCapacity)
      .option('--secret-file <file>', 'write the secret to this new file (mode 0600) instead of printing it'),
  ).action((name: string, options: SecretOptions) =>
    withDatabase(options, async ({ db }) => {
      const secret = await addHost(db, name, options.capacity ?? 10, cliActor()).catch(hostErrors);
      handOver(secret, options.secretFile);
    }),
  );

  withStateOptions(
    host
      .command('rotate-secret')
      .description('give a host a new secret; the old one stops working at once')
      .argument('<name>')
      .option('--secret-file <file>', 'write the secret to this new file (mode 0600) instead of printing it'),
  ).action((name: string, options: SecretOptions) =>
    withDatabase(options, async ({ db }) => {
      handOver(await rotateHostSecret(db, name, cliActor()).catch(hostErrors), options.secretFile);
    }),
  );

  for (const [verb, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    withStateOptions(
      host
        .command(verb)
        .description(
          enabled ? 'let a host take new sessions' : 'take no new sessions on a host (running ones go on)',
        )
        .argument('<name>'),
    ).action((name: string, options: StateOptions) =>
      withDatabase(options, async ({ db }) => {
        await setHostEnabled(db, name, enabled, cliActor()).catch(hostErrors);
        process.stdout.write(`host ${name} ${enabled ? 'enabled' : 'disabled'}\n`);
      }),
    );
  }

  withStateOptions(host.command('list').description('hosts, whether they are up, and their load')).action(
    (options: StateOptions) =>
      withDatabase(options, async ({ db, config }) => {
        const hosts = await listHosts(db, new Date(), config.desktop.hostLostSeconds);
        if (hosts.length === 0) process.stdout.write('no session hosts\n');
        for (const h of hosts) {
          const state = !h.enabled ? 'disabled' : h.up ? 'up' : 'down';
          const seen = h.lastSeenAt ? h.lastSeenAt.toISOString() : 'never';
          process.stdout.write(
            `${h.name}  ${state}  ${h.liveSessions}/${h.capacity} sessions  ${h.rdpPort ? 'rdp' : 'no-rdp'}  last report ${seen}  ${h.agentUrl ?? '-'}\n`,
          );
        }
      }),
  );

  const desktop = admin.command('desktop').description('desktop sessions');
  withStateOptions(desktop.command('list').description('live desktop sessions')).action(
    (options: StateOptions) =>
      withDatabase(options, async ({ db }) => {
        const sessions = await liveSessions(db);
        const usernames = await usernamesByIds(
          db,
          sessions.map((s) => s.user_id),
        );
        if (sessions.length === 0) process.stdout.write('no live desktop sessions\n');
        for (const s of sessions) {
          const connection = s.disconnected_at
            ? `disconnected since ${s.disconnected_at.toISOString()}`
            : 'connected';
          process.stdout.write(
            `${s.id}  ${usernames.get(s.user_id)}  ${s.host_name}  ${s.state}  started ${s.started_at.toISOString()}  ${connection}\n`,
          );
        }
      }),
  );

  withStateOptions(
    desktop
      .command('end')
      .description("end a user's desktop session now: its programs are stopped, its licences freed")
      .argument('<username>'),
  ).action((username: string, options: StateOptions) =>
    withDatabase(options, async ({ db, config }) => {
      const user = await findUserByUsername(db, username);
      const session = user && (await liveSessionOf(db, user.id));
      if (!session) throw new CliError(`${username} has no live desktop session`);
      await endSession(
        { db, agentCa: loadAgentCa(config), now: () => new Date() },
        session.id,
        'operator',
        cliActor(),
      );
      process.stdout.write(`ended the desktop session of ${username}\n`);
    }),
  );
}
