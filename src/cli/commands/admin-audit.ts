import { resolve } from 'node:path';
import type { Command } from 'commander';
import { checkpointAuditChain, recordAudit } from '../../audit/audit-service.js';
import { type ChainVerdict, verifyAuditChain } from '../../audit/audit-verification.js';
import { readCheckpoints } from '../../audit/checkpoint-file.js';
import {
  checkpointFiles,
  readSigningKey,
  readVerifyingKey,
  writeCheckpointKey,
} from '../../audit/checkpoint-keys.js';
import { CliError } from '../cli-error.js';
import { cliActor, withDatabase } from '../context.js';
import { type StateOptions, withStateOptions } from '../state-options.js';

interface VerifyOptions extends StateOptions {
  checkpoints?: string;
  publicKey?: string;
}

export function registerAuditCommands(admin: Command): void {
  const audit = admin.command('audit').description('the audit log');
  withStateOptions(
    audit
      .command('verify')
      .description(
        'prove the audit log unbroken and true to its signed checkpoints; exits 1 naming the first broken event or checkpoint',
      )
      .option(
        '--checkpoints <file>',
        'checkpoints to hold it to, e.g. a write-once copy (default: audit.checkpoints.file)',
      )
      .option(
        '--public-key <file>',
        'the key they must be signed with (default: audit.checkpoints.publicKeyFile)',
      ),
  ).action((options: VerifyOptions) =>
    withDatabase(options, async ({ db, config, dataDir }) => {
      const files = checkpointFiles(config, dataDir);
      const file = options.checkpoints ?? files.file;
      const lines = await readCheckpoints(file);
      if (lines === null && options.checkpoints) throw new CliError(`no checkpoint file ${file}`);
      const checks = lines?.length
        ? { lines, publicKey: readVerifyingKey(options.publicKey ?? files.publicKeyFile) }
        : null;
      const verdict = await verifyAuditChain(db, checks);
      await db.transaction().execute((trx) =>
        recordAudit(trx, {
          actor: cliActor(),
          action: 'audit.verified',
          details: { ...verdict, checkpointFile: checks ? resolve(file) : null },
        }),
      );
      if (!verdict.ok) throw new CliError(brokenMessage(verdict, file));
      process.stdout.write(
        `audit log intact: ${verdict.events} events, head ${verdict.head}; ${
          checks
            ? verdict.checkpoints === 1
              ? `1 checkpoint in ${file} holds`
              : `${verdict.checkpoints} checkpoints in ${file} hold`
            : `no checkpoints in ${file}, so a cut-off tail cannot be detected`
        }\n`,
      );
    }),
  );

  withStateOptions(
    audit
      .command('checkpoint')
      .description('sign the head of the audit log and append it to the checkpoint file'),
  ).action((options: StateOptions) =>
    withDatabase(options, async ({ db, config, dataDir }) => {
      const files = checkpointFiles(config, dataDir);
      const privateKey = readSigningKey(files.keyFile);
      const checkpoint = await checkpointAuditChain(db, { privateKey, file: files.file, now: new Date() });
      process.stdout.write(
        checkpoint
          ? `${JSON.stringify(checkpoint)}\nappended to ${files.file}\n`
          : 'the audit log is empty: nothing to sign\n',
      );
    }),
  );

  audit
    .command('keygen')
    .description('make an Ed25519 key pair for signing checkpoints: FILE (private) and FILE.pub')
    .requiredOption('--out <file>', 'where to write the private key (mode 0600)')
    .action((options: { out: string }) => {
      const { publicKeyFile, keyId } = writeCheckpointKey(options.out);
      process.stdout.write(
        `wrote the signing key ${options.out} (key ${keyId}) and its public key ${publicKeyFile}\n` +
          'set audit.checkpoints.keyFile to the first where checkpoints are made, audit.checkpoints.publicKeyFile to the second where they are verified\n',
      );
    });
}

function brokenMessage(verdict: Extract<ChainVerdict, { ok: false }>, file: string): string {
  if ('brokenAt' in verdict) return `audit log broken at event ${verdict.brokenAt}: ${verdict.reason}`;
  const { line, seq, at } = verdict.checkpoint;
  const which = seq === undefined ? '' : ` (event ${seq}, signed at ${at})`;
  return `audit log fails the checkpoint on line ${line} of ${file}${which}: ${verdict.reason}`;
}
