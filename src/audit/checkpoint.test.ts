import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Checkpoint,
  CheckpointKeyError,
  checkpointSignatureProblem,
  parsePrivateKey,
  parsePublicKey,
  signCheckpoint,
} from './checkpoint.js';
import { appendCheckpoint, readCheckpoints } from './checkpoint-file.js';

// A key made for this test only.
const PRIVATE_PEM = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIMLYsJYeuIAjtI89sbUwLO6Ot88BxfV/eu4PcdtR82Ae
-----END PRIVATE KEY-----
`;
const PUBLIC_PEM = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEA5/yXK9DdhfrYNeiGgAThSZuj8jJCabWqmlc7peitQaU=
-----END PUBLIC KEY-----
`;
const privateKey = parsePrivateKey(PRIVATE_PEM, 'the test key');
const publicKey = parsePublicKey(PUBLIC_PEM, 'the test key');
const head = { seq: 42, hash: '1f7f08e549f382242523bf3041634f78bbf55054560efcfa6540a4671cd5cb6d' };
const at = new Date('2026-11-28T10:00:00.000Z');

describe('a checkpoint', () => {
  // Pinned, so that checkpoints already kept stay verifiable: the same as
  // printf 'mona audit checkpoint v1\n42\n<hash>\n2026-11-28T10:00:00.000Z\n' | openssl pkeyutl -sign -rawin
  it('signs its labelled head and time with Ed25519, naming the key', () => {
    expect(signCheckpoint(head, at, privateKey)).toEqual({
      seq: 42,
      hash: head.hash,
      at: '2026-11-28T10:00:00.000Z',
      key: '9625691069f0f402',
      signature: 'AqN3b/YaO8DvRpU4rcPEB51UOY/I8nt5WvjbPsIl5z2xcgE19ajsNr963P8bo8lbWtPDnu4HBW1fNDdv9LsnCw==',
    });
  });

  it('holds under its public key, or its private key, and under no other', () => {
    const checkpoint = signCheckpoint(head, at, privateKey);
    expect(checkpointSignatureProblem(checkpoint, publicKey)).toBeNull();
    expect(checkpointSignatureProblem(checkpoint, parsePublicKey(PRIVATE_PEM, 'the test key'))).toBeNull();
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(checkpointSignatureProblem(checkpoint, other)).toMatch(
      /^it was signed by another key \(9625691069f0f402, not [0-9a-f]{16}\)$/,
    );
  });

  it('does not hold once any signed field is changed', () => {
    const checkpoint = signCheckpoint(head, at, privateKey);
    const changes: Partial<Checkpoint>[] = [
      { seq: 43 },
      { hash: 'f'.repeat(64) },
      { at: '2026-11-28T10:00:00.001Z' },
    ];
    for (const change of changes) {
      expect(checkpointSignatureProblem({ ...checkpoint, ...change }, publicKey)).toBe(
        'its signature does not hold: it was altered or forged',
      );
    }
  });

  it('refuses a key that is not an Ed25519 key in PEM', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    expect(() => parsePrivateKey(rsa.toString(), 'k.pem')).toThrow(
      new CheckpointKeyError('k.pem holds an rsa key, not an Ed25519 one'),
    );
    expect(() => parsePublicKey('not a key', 'k.pem')).toThrow('k.pem holds no key in PEM form');
  });
});

describe('the checkpoint file', () => {
  it('keeps checkpoints as JSON lines, numbered as read, and names lines that are none', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mona-checkpoints-')), 'audit', 'checkpoints.jsonl');
    expect(await readCheckpoints(file)).toBeNull();
    const first = signCheckpoint(head, at, privateKey);
    const second = signCheckpoint({ seq: 43, hash: 'a'.repeat(64) }, at, privateKey);
    await appendCheckpoint(file, first);
    await appendCheckpoint(file, second);
    expect(await readCheckpoints(file)).toEqual([
      { line: 1, checkpoint: first },
      { line: 2, checkpoint: second },
    ]);
    writeFileSync(file, `${JSON.stringify(first)}\n{"seq":4\n`, { flag: 'w' });
    expect(await readCheckpoints(file)).toEqual([
      { line: 1, checkpoint: first },
      { line: 2, unreadable: true },
    ]);
  });
});
