import type { KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../config/schema.js';
import {
  CheckpointKeyError,
  generateCheckpointKey,
  keyIdOf,
  parsePrivateKey,
  parsePublicKey,
} from './checkpoint.js';

export interface CheckpointFiles {
  /** The signing key: audit.checkpoints.keyFile, or the one `mona start` keeps in the data dir. */
  keyFile: string;
  /** What verify checks with: the public key's file, or the signing key's. */
  publicKeyFile: string;
  /** The JSON lines the checkpoints are appended to. */
  file: string;
}

export function checkpointFiles(config: Config, dataDir: string): CheckpointFiles {
  const settings = config.audit.checkpoints;
  const keyFile = settings.keyFile ?? join(dataDir, 'audit', 'checkpoint-key.pem');
  return {
    keyFile,
    publicKeyFile: settings.publicKeyFile ?? keyFile,
    file: settings.file ?? join(dataDir, 'audit', 'checkpoints.jsonl'),
  };
}

/**
 * Writes a new key pair: the private key readable by its owner only, the public key beside it as
 * `<file>.pub`. Refuses to replace an existing key, whose checkpoints would no longer verify.
 */
export function writeCheckpointKey(file: string): { publicKeyFile: string; keyId: string } {
  const { privatePem, publicPem } = generateCheckpointKey();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, privatePem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CheckpointKeyError(`${file} exists: a key is never replaced, write the new one elsewhere`);
    }
    throw error;
  }
  const publicKeyFile = `${file}.pub`;
  writeFileSync(publicKeyFile, publicPem, { mode: 0o644 });
  return { publicKeyFile, keyId: keyIdOf(readVerifyingKey(publicKeyFile)) };
}

export function readSigningKey(file: string): KeyObject {
  return parsePrivateKey(readKeyFile(file), file);
}

export function readVerifyingKey(file: string): KeyObject {
  return parsePublicKey(readKeyFile(file), file);
}

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CheckpointKeyError(
      `the checkpoint key ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
}
