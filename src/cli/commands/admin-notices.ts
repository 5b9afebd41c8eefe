import type { Command } from 'commander';
import { addNotice, listNotices, NoticeError, removeNotice } from '../../notices/notice-service.js';
import { CliError } from '../cli-error.js';
import { cliActor, withDatabase } from '../context.js';
import { type StateOptions, withStateOptions } from '../state-options.js';

function time(value: string | undefined, option: string, fallback: Date): Date {
  if (value === undefined) return fallback;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime()))
    throw new CliError(`${option} "${value}" is not a time such as 2027-03-01T14:00+01:00`);
  return parsed;
}

interface AddOptions extends StateOptions {
  en: string;
  sv: string;
  from?: string;
  until?: string;
  closedFrom?: string;
  closedUntil?: string;
}

/** Notices and planned closures (R18, R33) until the support console. */
export function registerNoticeCommands(admin: Command): void {
  const notice = admin.command('notice').description('notices to users, and planned closures');

  withStateOptions(
    notice
      .command('add')
      .description('announce a message, or a planned closure during which nobody can log in')
      .requiredOption('--en <text>', 'the notice in English')
      .requiredOption('--sv <text>', 'the notice in Swedish')
      .option('--from <time>', 'shown from (default: now)')
      .option('--until <time>', 'shown until (default: the end of the closure, or 7 days)')
      .option('--closed-from <time>', 'a closure: logging in is refused from …')
      .option('--closed-until <time>', '… until'),
  ).action((options: AddOptions) =>
    withDatabase(options, async ({ db }) => {
      if (Boolean(options.closedFrom) !== Boolean(options.closedUntil)) {
        throw new CliError('a closure needs both --closed-from and --closed-until');
      }
      const now = new Date();
      const closure = options.closedFrom
        ? {
            from: time(options.closedFrom, '--closed-from', now),
            until: time(options.closedUntil, '--closed-until', now),
          }
        : null;
      const shownFrom = time(options.from, '--from', now);
      const shownUntil = time(
        options.until,
        '--until',
        closure?.until ?? new Date(shownFrom.getTime() + 7 * 86_400_000),
      );
      const id = await addNotice(
        db,
        { en: options.en, sv: options.sv, shownFrom, shownUntil, closure },
        cliActor(),
      ).catch((error: unknown) => {
        throw error instanceof NoticeError ? new CliError(error.message) : error;
      });
      process.stdout.write(`added notice ${id}\n`);
    }),
  );

  withStateOptions(notice.command('list').description('notices shown now or later')).action(
    (options: StateOptions) =>
      withDatabase(options, async ({ db }) => {
        const notices = await listNotices(db, new Date(), 'upcoming');
        if (notices.length === 0) process.stdout.write('no notices\n');
        for (const n of notices) {
          const closure = n.closure ? `  CLOSED ${n.closure.from} - ${n.closure.until}` : '';
          process.stdout.write(`${n.id}  ${n.shownFrom} - ${n.shownUntil}${closure}  ${n.en}\n`);
        }
      }),
  );

  withStateOptions(
    notice.command('remove').description('take a notice (or closure) back').argument('<id>'),
  ).action((id: string, options: StateOptions) =>
    withDatabase(options, async ({ db }) => {
      if (!/^[0-9a-f-]{36}$/.test(id) || !(await removeNotice(db, id, cliActor())))
        throw new CliError(`no notice ${id}`);
      process.stdout.write('notice removed\n');
    }),
  );
}
