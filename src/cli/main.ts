#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { VERSION } from '../runtime/version.js';
import { CliError } from './cli-error.js';
import { registerAdminCommands } from './commands/admin.js';
import { registerConfigCommands } from './commands/config-check.js';
import { registerDevIdpCommand } from './commands/dev-idp.js';
import { registerHostAgentCommand } from './commands/host-agent.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerServeCommands } from './commands/serve.js';
import { registerWorkerCommand } from './commands/worker.js';

const program = new Command('mona')
  .description('mona: secure remote access to confidential microdata')
  .version(VERSION)
  // Options after a sub-command belong to it (`admin terms publish --version` is not mona's version).
  .enablePositionalOptions()
  .showSuggestionAfterError(true)
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`mona: ${text.replace(/^error: /, '')}`) });

registerServeCommands(program);
registerMigrateCommand(program);
registerWorkerCommand(program);
registerConfigCommands(program);
registerAdminCommands(program);
registerDevIdpCommand(program);
registerHostAgentCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version end with code 0; usage errors were already printed.
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  process.stderr.write(`mona: ${(error as Error).message}\n`);
  process.exit(error instanceof CliError ? error.exitCode : 1);
}
