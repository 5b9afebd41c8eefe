import type { Command } from 'commander';
import { AppError } from '../../http/errors.js';
import {
  approveLinkRequest,
  listLinkRequests,
  rejectLinkRequest,
} from '../../identity/bankid/link-requests.js';
import { sendAccountLinkedMail } from '../../identity/linked-mail.js';
import { isUuid } from '../../ids.js';
import { mailerForCommand } from '../../runtime/mail.js';
import { publicUrlForCommand } from '../../runtime/server.js';
import { CliError } from '../cli-error.js';
import { cliActor, withDatabase } from '../context.js';
import { type StateOptions, withStateOptions } from '../state-options.js';

function requestId(id: string): string {
  if (!isUuid(id)) throw new CliError(`"${id}" is not a request id (see "mona admin bankid-requests list")`);
  return id;
}

/** R9 until the support console: list, approve and reject BankID link requests. */
export function registerBankIdCommands(admin: Command): void {
  const requests = admin
    .command('bankid-requests')
    .description('BankID logins waiting for support to link the account');

  withStateOptions(requests.command('list').description('list the requests (pending ones unless --all)'))
    .option('--all', 'also approved and rejected ones')
    .action((options: StateOptions & { all?: boolean }) =>
      withDatabase(options, async ({ db }) => {
        const rows = await listLinkRequests(db, options.all ? 'all' : 'pending');
        if (rows.length === 0) process.stdout.write('no requests\n');
        for (const row of rows) {
          const account = row.accountExists ? `account ${row.accountState}` : 'NO SUCH ACCOUNT';
          process.stdout.write(
            `${row.id}  ${row.state.padEnd(8)} ${row.requestedAt}  ${row.username} (${account})  BankID: ${row.name}, ${row.pinMasked}  from ${row.ip}${row.country ? ` (${row.country})` : ''}\n`,
          );
        }
      }),
    );

  withStateOptions(
    requests
      .command('approve')
      .description('link the account to the BankID identity; OTP is removed')
      .argument('<id>'),
  ).action((id: string, options: StateOptions) =>
    withDatabase(options, async ({ db, config, dataDir }) => {
      const account = await approveLinkRequest(db, requestId(id), cliActor(), new Date()).catch(rethrow);
      process.stdout.write(`linked ${account.username} to BankID\n`);
      const mailer = mailerForCommand(config, dataDir);
      const mailed = await sendAccountLinkedMail(
        { mailer, operator: config.operator, publicUrl: publicUrlForCommand(config, dataDir) },
        account,
        'bankid',
        { warn: () => {} },
      );
      mailer?.close();
      process.stdout.write(
        mailed
          ? `mail sent to ${account.email}\n`
          : `no mail could be sent: tell ${account.email} yourself\n`,
      );
    }),
  );

  withStateOptions(requests.command('reject').description('refuse the request').argument('<id>')).action(
    (id: string, options: StateOptions) =>
      withDatabase(options, async ({ db }) => {
        await rejectLinkRequest(db, requestId(id), cliActor(), new Date()).catch(rethrow);
        process.stdout.write('request rejected\n');
      }),
  );
}

function rethrow(error: unknown): never {
  if (error instanceof AppError) {
    throw new CliError(error.code === 'NOT_FOUND' ? 'no pending request with that id' : error.message);
  }
  throw error;
}
