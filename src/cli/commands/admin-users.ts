import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { StaffRole } from '../../identity/identity-tables.js';
import { createUser, type Invitation, reinviteUser, UserAdminError } from '../../identity/user-admin.js';
import { initialPasswordLetter } from '../../notify/letter.js';
import { welcomeMail } from '../../notify/messages.js';
import { mailerForCommand } from '../../runtime/mail.js';
import { publicUrlForCommand } from '../../runtime/server.js';
import { writeFileAtomic } from '../../storage/atomic-write.js';
import { CliError } from '../cli-error.js';
import { type CommandState, cliActor, withDatabase } from '../context.js';
import { type StateOptions, withStateOptions } from '../state-options.js';

const ROLES: readonly StaffRole[] = ['operator', 'support', 'reviewer'];

function role(value: string, previous: StaffRole[] = []): StaffRole[] {
  if (!(ROLES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
  }
  return [...previous, value as StaffRole];
}

interface CreateOptions extends StateOptions {
  username: string;
  name: string;
  email: string;
  role?: StaffRole[];
  project?: string;
  letterDir?: string;
}

export function registerUserCommands(admin: Command): void {
  const user = admin.command('user').description('accounts');

  withStateOptions(
    user
      .command('create')
      .description(
        'create an account: the welcome mail goes out, the initial password is written as a letter (PDF)',
      )
      .requiredOption('--username <name>', 'the assigned username (lower case)')
      .requiredOption('--name <full name>', "the person's full name")
      .requiredOption('--email <address>', 'where the welcome mail goes')
      .option('--role <role>', 'a staff role: operator, support or reviewer (repeatable)', role)
      .option('--project <id>', 'make the user a member of this project')
      .option('--letter-dir <dir>', 'where to write the letter (default: <data-dir>/letters)'),
  ).action((options: CreateOptions) =>
    withDatabase(options, async (state) => {
      const mailer = requireMailer(state);
      const invitation = await createUser(
        state.db,
        {
          username: options.username,
          fullName: options.name,
          email: options.email,
          roles: options.role ?? [],
          projectId: options.project ?? null,
        },
        { actor: cliActor(), now: new Date(), linkValidHours: state.config.identity.enrolmentLinkValidHours },
      ).catch(rethrowAsCliError);
      process.stdout.write(`created user ${invitation.username} (invited)\n`);
      await deliver(state, invitation, mailer, options.letterDir);
    }),
  );

  withStateOptions(
    user
      .command('invite')
      .description(
        'send a new welcome mail and write a new initial-password letter (earlier links stop working)',
      )
      .argument('<username>')
      .option('--letter-dir <dir>', 'where to write the letter (default: <data-dir>/letters)'),
  ).action((username: string, options: StateOptions & { letterDir?: string }) =>
    withDatabase(options, async (state) => {
      const mailer = requireMailer(state);
      const invitation = await reinviteUser(state.db, username, {
        actor: cliActor(),
        now: new Date(),
        linkValidHours: state.config.identity.enrolmentLinkValidHours,
      }).catch(rethrowAsCliError);
      await deliver(state, invitation, mailer, options.letterDir);
    }),
  );
}

function requireMailer(state: CommandState) {
  const mailer = mailerForCommand(state.config, state.dataDir);
  if (!mailer) {
    throw new CliError(
      'no way to send mail: configure mail.smtp, or run "mona start" on this data dir (it catches mail)',
    );
  }
  return mailer;
}

function rethrowAsCliError(error: unknown): never {
  throw error instanceof UserAdminError ? new CliError(error.message) : error;
}

/** The letter first (the password exists nowhere else), then the mail. */
async function deliver(
  state: CommandState,
  invitation: Invitation,
  mailer: NonNullable<ReturnType<typeof mailerForCommand>>,
  letterDir: string | undefined,
): Promise<void> {
  const { config } = state;
  const dir = resolve(letterDir ?? join(state.dataDir, 'letters'));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const letterFile = join(dir, `${invitation.username}-${new Date().toISOString().slice(0, 10)}.pdf`);
  const pdf = await initialPasswordLetter({
    fullName: invitation.fullName,
    username: invitation.username,
    initialPassword: invitation.initialPassword,
    operatorName: config.operator.name,
    supportEmail: config.operator.supportEmail,
    date: new Date(),
  });
  // The letter holds a password: readable by the operator's account alone.
  await writeFileAtomic(letterFile, pdf, 0o600);
  process.stdout.write(
    `initial-password letter: ${letterFile} (send it by registered post, then delete it)\n`,
  );

  const linkUrl = new URL('/link-account', publicUrlForCommand(config, state.dataDir));
  linkUrl.searchParams.set('token', invitation.linkToken);
  try {
    await mailer.send(
      welcomeMail({
        to: invitation.email,
        fullName: invitation.fullName,
        username: invitation.username,
        linkUrl: linkUrl.toString(),
        validUntil: invitation.linkExpiresAt,
        operatorName: config.operator.name,
        supportEmail: config.operator.supportEmail,
      }),
    );
  } catch (error) {
    throw new CliError(
      `the welcome mail to ${invitation.email} was not sent (${(error as Error).message}); send a new one with "mona admin user invite ${invitation.username}"`,
    );
  } finally {
    mailer.close();
  }
  process.stdout.write(`welcome mail sent to ${invitation.email}\n`);
}
