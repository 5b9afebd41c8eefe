import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { z } from 'zod';

/**
 * A checkpoint: the chain's head (its newest event's number and hash) at a time, signed with an
 * Ed25519 key that is not in the database. Whoever rewrites or cuts the chain after it cannot make
 * the signed event come back with the signed hash, nor sign a new checkpoint without the key.
 */
export const checkpointSchema = z.strictObject({
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.iso.datetime(),
  /** Which key signed it: the start of the SHA-256 of its public key. */
  key: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.base64(),
});

export type Checkpoint = z.infer<typeof checkpointSchema>;

export interface ChainHead {
  seq: number;
  hash: string;
}

export class CheckpointKeyError extends Error {
  override name = 'CheckpointKeyError';
}

/** The bytes signed: labelled, so that the signature means nothing anywhere else. */
function signedText(checkpoint: Pick<Checkpoint, 'seq' | 'hash' | 'at'>): Buffer {
  return Buffer.from(`mona audit checkpoint v1\n${checkpoint.seq}\n${checkpoint.hash}\n${checkpoint.at}\n`);
}

export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export function signCheckpoint(head: ChainHead, at: Date, privateKey: KeyObject): Checkpoint {
  const unsigned = { seq: head.seq, hash: head.hash, at: at.toISOString() };
  return {
    ...unsigned,
    key: keyIdOf(createPublicKey(privateKey)),
    signature: sign(null, signedText(unsigned), privateKey).toString('base64'),
  };
}

/** Null when the checkpoint holds; otherwise why not. */
export function checkpointSignatureProblem(checkpoint: Checkpoint, publicKey: KeyObject): string | null {
  if (checkpoint.key !== keyIdOf(publicKey)) {
    return `it was signed by another key (${checkpoint.key}, not ${keyIdOf(publicKey)})`;
  }
  const holds = verify(null, signedText(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  return holds ? null : 'its signature does not hold: it was altered or forged';
}

/** A new key pair, as PEM: the private key (PKCS #8) and its public key (SPKI). */
export function generateCheckpointKey(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The signing key from PEM; refused unless it is an Ed25519 private key. */
export function parsePrivateKey(pem: string, source: string): KeyObject {
  return parseKey(() => createPrivateKey(pem), source);
}

/** The key to verify with, from a public key's PEM or a private key's (whose public half it takes). */
export function parsePublicKey(pem: string, source: string): KeyObject {
  return parseKey(() => createPublicKey(pem), source);
}

function parseKey(parse: () => KeyObject, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = parse();
  } catch {
    throw new CheckpointKeyError(`${source} holds no key in PEM form`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new CheckpointKeyError(`${source} holds an ${key.asymmetricKeyType} key, not an Ed25519 one`);
  }
  return key;
}
