import type { Command } from 'commander';
import { DEMO_ACCOUNTS } from '../../demo/demo-fixture.js';
import { isDemoSeeded, seedDemo } from '../../demo/seed-demo.js';
import { publishTermsDirectory, SHIPPED_TERMS_DIRECTORY } from '../../entry/terms-service.js';
import { vaultRoot } from '../../storage/vault-paths.js';
import { cliActor, withDatabase } from '../context.js';
import { type StateOptions, withStateOptions } from '../state-options.js';
import { registerAuditCommands } from './admin-audit.js';
import { registerBackupCommands } from './admin-backup.js';
import { registerBankIdCommands } from './admin-bankid.js';
import { registerHostCommands } from './admin-hosts.js';
import { registerNoticeCommands } from './admin-notices.js';
import { registerProjectCommands } from './admin-projects.js';
import { registerSoftwareCommands } from './admin-software.js';
import { registerTermsCommands } from './admin-terms.js';
import { registerUserCommands } from './admin-users.js';

export function registerAdminCommands(program: Command): void {
  const admin = program.command('admin').description('operator tasks');
  registerUserCommands(admin);
  registerTermsCommands(admin);
  registerBankIdCommands(admin);
  registerProjectCommands(admin);
  registerNoticeCommands(admin);
  registerSoftwareCommands(admin);
  registerHostCommands(admin);

  registerAuditCommands(admin);
  registerBackupCommands(admin);

  withStateOptions(
    admin.command('demo').description('add the demo organisation, project, data and accounts'),
  ).action((options: StateOptions) =>
    withDatabase(
      options,
      async ({ config, dataDir, db }) => {
        await publishTermsDirectory(db, config.terms.directory ?? SHIPPED_TERMS_DIRECTORY, cliActor());
        if (await isDemoSeeded(db)) {
          process.stdout.write('the demo data are already in place\n');
          return;
        }
        const summary = await seedDemo(db, {
          dataDir: config.database.url ? null : dataDir,
          vaultRoot: vaultRoot(config, dataDir),
          persons: config.demo.persons,
          seed: config.demo.seed,
          actor: cliActor(),
        });
        process.stdout.write(
          `added ${summary.organisation}, project ${summary.projectId} with ${summary.persons} synthetic persons, and ${DEMO_ACCOUNTS.length} accounts\n`,
        );
      },
      { migrate: true },
    ),
  );
}
