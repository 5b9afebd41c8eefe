import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { publishTerms, TermsError } from '../../entry/terms-service.js';
import { CliError } from '../cli-error.js';
import { cliActor, withDatabase } from '../context.js';
import { type StateOptions, withStateOptions } from '../state-options.js';

interface PublishOptions extends StateOptions {
  version: string;
  en: string;
  sv: string;
  at?: string;
}

export function registerTermsCommands(admin: Command): void {
  const terms = admin.command('terms').description('terms of use');
  withStateOptions(
    terms
      .command('publish')
      .description('publish a new version of the terms of use; every user must accept it again')
      .requiredOption('--version <version>', 'the version name, e.g. 2027-01-01')
      .requiredOption('--en <file>', 'the English text (Markdown)')
      .requiredOption('--sv <file>', 'the Swedish text (Markdown)')
      .option('--at <time>', 'when it takes effect (ISO 8601; default: now)'),
  ).action((options: PublishOptions) =>
    withDatabase(options, async ({ db }) => {
      const publishedAt = options.at ? new Date(options.at) : new Date();
      if (Number.isNaN(publishedAt.getTime())) throw new CliError(`--at "${options.at}" is not a time`);
      const read = (file: string) => {
        try {
          return readFileSync(file, 'utf8');
        } catch (error) {
          throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`);
        }
      };
      const outcome = await publishTerms(db, {
        version: options.version,
        en: read(options.en),
        sv: read(options.sv),
        publishedAt,
        actor: cliActor(),
      }).catch((error: unknown) => {
        throw error instanceof TermsError ? new CliError(error.message) : error;
      });
      process.stdout.write(
        outcome === 'published'
          ? `published terms of use ${options.version}, in force from ${publishedAt.toISOString()}\n`
          : `terms of use ${options.version} are already published with this text\n`,
      );
    }),
  );
}
