import type { Command } from 'commander';
import YAML from 'yaml';
import { configFrom, type StateOptions, withStateOptions } from '../state-options.js';

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('inspect the configuration');
  withStateOptions(
    config.command('check').description('validate the configuration and print the effective settings'),
  ).action((options: StateOptions) => {
    const effective = configFrom(options);
    const shown = {
      ...effective,
      database: {
        ...effective.database,
        url: effective.database.url ? '<hidden>' : null,
        migrationUrl: effective.database.migrationUrl ? '<hidden>' : null,
      },
    };
    process.stdout.write(`# configuration is valid\n${YAML.stringify(shown)}`);
  });
}
