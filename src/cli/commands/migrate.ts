import type { Command } from 'commander';
import { migrate } from '../../db/migrate.js';
import { prepareDataDir } from '../../runtime/data-dir.js';
import { openDatabase } from '../../runtime/database.js';
import { configFrom, type StateOptions, withStateOptions } from '../context.js';

export function registerMigrateCommand(program: Command): void {
  withStateOptions(program.command('migrate').description('apply pending database migrations')).action(
    async (options: StateOptions) => {
      const config = configFrom(options);
      const dataDir = prepareDataDir(config.dataDir);
      const database = await openDatabase(config, dataDir, {
        embedded: 'attach',
        mayInitialise: true,
        log: () => {},
      });
      try {
        const applied = await migrate(database.db);
        process.stdout.write(
          applied.length === 0
            ? 'the database is up to date\n'
            : `applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}\n`).join('')}`,
        );
      } finally {
        await database.close();
      }
    },
  );
}
