import type { Command } from 'commander';
import { withDatabase } from '../context.js';
import { type StateOptions, withStateOptions } from '../state-options.js';

export function registerMigrateCommand(program: Command): void {
  withStateOptions(program.command('migrate').description('apply pending database migrations')).action(
    (options: StateOptions) =>
      withDatabase(
        options,
        async ({ applied }) => {
          process.stdout.write(
            applied.length === 0
              ? 'the database is up to date\n'
              : `applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}\n`).join('')}`,
          );
        },
        { mayInitialise: true, migrate: true },
      ),
  );
}
