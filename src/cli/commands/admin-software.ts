import { type Command, InvalidArgumentError } from 'commander';
import {
  addSoftware,
  grantSoftware,
  listLeases,
  listSoftware,
  removeSoftware,
  revokeSoftware,
  SoftwareError,
  updateSeats,
} from '../../software/software-service.js';
import { CliError } from '../cli-error.js';
import { cliActor, withDatabase } from '../context.js';
import { type StateOptions, withStateOptions } from '../state-options.js';

const LEASE_HISTORY = 200;

function rethrow(error: unknown): never {
  throw error instanceof SoftwareError ? new CliError(error.message) : error;
}

function seats(value: string): number | null {
  if (value === 'unlimited') return null;
  if (!/^\d{1,6}$/.test(value)) throw new InvalidArgumentError('must be a whole number, or unlimited');
  return Number(value);
}

/** Words as a shell splits them, with '…' and "…" quoting; nothing is expanded and \ is not special. */
function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  for (const char of line) {
    if (quote !== null && char === quote) quote = null;
    else if (quote === null && (char === '"' || char === "'")) {
      quote = char;
      word ??= '';
    } else if (quote === null && /\s/.test(char)) {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? '') + char;
  }
  if (quote !== null) throw new CliError(`--command-line has an unclosed ${quote}`);
  if (word !== null) words.push(word);
  return words;
}

/** The reverse of splitCommandLine, for showing a command. */
function joinCommandLine(command: string[]): string {
  return command
    .map((word) => {
      if (/^[\w./=:,+@%-]+$/.test(word)) return word;
      return word.includes("'") ? `"${word}"` : `'${word}'`;
    })
    .join(' ');
}

/** Columns padded to their widest cell, two spaces apart. */
function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  return all.map((row) => `${line(row).trimEnd()}\n`).join('');
}

interface AddOptions extends StateOptions {
  name: string;
  description?: string;
  descriptionSv?: string;
  command?: string[];
  commandLine?: string;
  seats?: number | null;
  unlisted?: boolean;
}

/** The software catalogue, the projects' orders and licence seats (R19, R28), until the support console. */
export function registerSoftwareCommands(admin: Command): void {
  const software = admin
    .command('software')
    .description('the software catalogue, what each project ordered, and licence seats');

  withStateOptions(
    software
      .command('add')
      .description('add a program to the catalogue')
      .argument('<id>', 'short id, e.g. stata (lower-case letters, digits and dashes)')
      .requiredOption('--name <name>', 'the name in the start menu and the catalogue')
      .option('--description <text>', 'a line for the published catalogue, in English')
      .option('--description-sv <text>', 'the same line in Swedish')
      .option('--command <argv...>', 'the program and its arguments, e.g. --command /usr/bin/gnumeric')
      .option('--command-line <line>', 'the same as one string, for arguments starting with -')
      .option('--seats <n>', 'licence seats across the platform (default: unlimited)', seats)
      .option('--unlisted', 'leave it out of the published catalogue'),
  ).action((id: string, options: AddOptions, command: Command) => {
    if ((options.command === undefined) === (options.commandLine === undefined))
      command.error('give the program as either --command <argv...> or --command-line "<line>"');
    const argv = options.command ?? splitCommandLine(options.commandLine ?? '');
    return withDatabase(options, async ({ db }) => {
      await addSoftware(
        db,
        {
          id,
          name: options.name,
          description: { en: options.description ?? '', sv: options.descriptionSv ?? '' },
          command: argv,
          seats: options.seats ?? null,
          listed: options.unlisted !== true,
        },
        cliActor(),
      ).catch(rethrow);
      process.stdout.write(`added ${id}: ${joinCommandLine(argv)}\n`);
    });
  });

  withStateOptions(software.command('list').description('the catalogue, seats in use and projects')).action(
    (options: StateOptions) =>
      withDatabase(options, async ({ db }) => {
        const rows = await listSoftware(db);
        if (rows.length === 0) {
          process.stdout.write('no software\n');
          return;
        }
        process.stdout.write(
          table(
            ['ID', 'NAME', 'IN USE', 'SEATS', 'CATALOGUE', 'PROJECTS', 'COMMAND'],
            rows.map((row) => [
              row.id,
              row.name,
              String(row.inUse),
              row.seats === null ? 'unlimited' : String(row.seats),
              row.listed ? 'listed' : 'unlisted',
              row.projects.join(',') || '-',
              joinCommandLine(row.command),
            ]),
          ),
        );
      }),
  );

  withStateOptions(
    software
      .command('seats')
      .description('change the number of licence seats')
      .argument('<id>')
      .argument('<seats>', 'a whole number, or unlimited', seats),
  ).action((id: string, count: number | null, options: StateOptions) =>
    withDatabase(options, async ({ db }) => {
      await updateSeats(db, id, count, cliActor()).catch(rethrow);
      process.stdout.write(`${id} now has ${count === null ? 'unlimited' : count} seats\n`);
    }),
  );

  withStateOptions(
    software
      .command('remove')
      .description('take a program out of the catalogue (once no project has it)')
      .argument('<id>'),
  ).action((id: string, options: StateOptions) =>
    withDatabase(options, async ({ db }) => {
      await removeSoftware(db, id, cliActor()).catch(rethrow);
      process.stdout.write(`removed ${id}\n`);
    }),
  );

  withStateOptions(
    software
      .command('grant')
      .description("put a program in a project's members' start menu")
      .argument('<project>')
      .argument('<software>'),
  ).action((projectId: string, softwareId: string, options: StateOptions) =>
    withDatabase(options, async ({ db }) => {
      const granted = await grantSoftware(db, projectId, softwareId, cliActor()).catch(rethrow);
      process.stdout.write(`${projectId} ${granted ? 'now has' : 'already has'} ${softwareId}\n`);
    }),
  );

  withStateOptions(
    software
      .command('revoke')
      .description("take a program out of a project's start menu; running programs keep their licence")
      .argument('<project>')
      .argument('<software>'),
  ).action((projectId: string, softwareId: string, options: StateOptions) =>
    withDatabase(options, async ({ db }) => {
      await revokeSoftware(db, projectId, softwareId, cliActor()).catch(rethrow);
      process.stdout.write(`${projectId} no longer has ${softwareId}\n`);
    }),
  );

  withStateOptions(
    software
      .command('leases')
      .description(`licences checked out: the ${LEASE_HISTORY} most recent, newest first`)
      .option('--live', 'only those in use now'),
  ).action((options: StateOptions & { live?: boolean }) =>
    withDatabase(options, async ({ db }) => {
      const leases = await listLeases(db, { liveOnly: options.live === true, limit: LEASE_HISTORY });
      if (leases.length === 0) {
        process.stdout.write(options.live ? 'no licences in use\n' : 'no leases\n');
        return;
      }
      process.stdout.write(
        table(
          ['SOFTWARE', 'USER', 'CHECKED OUT', 'RETURNED', 'SESSION', 'LEASE'],
          leases.map((lease) => [
            lease.softwareId,
            lease.username,
            lease.checkedOutAt.toISOString(),
            lease.returnedAt ? `${lease.returnedAt.toISOString()} (${lease.returnReason})` : 'in use',
            lease.sessionId,
            lease.id,
          ]),
        ),
      );
    }),
  );
}
