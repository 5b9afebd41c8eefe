import { describe, expect, it } from 'vitest';
import { type ChainedFields, canonicalJson, GENESIS_HASH, hashEvent } from './chain.js';

const event: ChainedFields = {
  seq: 1,
  occurredAt: new Date('2026-11-28T10:00:00.000Z'),
  actorId: null,
  actorLabel: 'system',
  action: 'demo.seeded',
  targetType: 'project',
  targetId: 'P0001',
  projectId: 'P0001',
  ip: null,
  details: { b: 1, a: { d: [1, 2], c: 'x' } },
  prevHash: GENESIS_HASH,
};

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: undefined, b: [{ z: 1, y: 2 }] } })).toBe(
      '{"a":{"b":[{"y":2,"z":1}],"d":2},"b":1}',
    );
  });

  it('orders keys by their UTF-16 code units, a key before its longer versions', () => {
    expect(canonicalJson({ 'a!': 1, å: 2, a: 3, B: 4, '😀': 5, '～': 6 })).toBe(
      '{"B":4,"a":3,"a!":1,"å":2,"😀":5,"～":6}',
    );
  });
});

describe('hashEvent', () => {
  // Pinned: a change to the canonical form would make every stored chain fail verification.
  it('hashes the canonical JSON array of the fields, starting from 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    // sha256 of [1,"2026-11-28T10:00:00.000Z",null,"system","demo.seeded","project","P0001","P0001",null,{"a":{"c":"x","d":[1,2]},"b":1},"000…0"]
    expect(hashEvent(event)).toBe('1f7f08e549f382242523bf3041634f78bbf55054560efcfa6540a4671cd5cb6d');
    const next: ChainedFields = {
      seq: 2,
      occurredAt: new Date('2026-11-28T10:00:01.000Z'),
      actorId: '0b9d6f1e-4a3c-4c1e-9a57-6b2f0f6d2c11',
      actorLabel: 'anna.a',
      action: 'login.succeeded',
      targetType: null,
      targetId: null,
      projectId: null,
      ip: '192.0.2.1',
      details: {},
      prevHash: hashEvent(event),
    };
    expect(hashEvent(next)).toBe('4bded1bb6deeb482a961c636b788e8c7a10e40e6cb2b2f6c29dc2f66d7e088d9');
  });

  it('keeps the elements of an array apart', () => {
    expect(canonicalJson({ ids: [1, 2] })).toBe('{"ids":[1,2]}');
    expect(hashEvent({ ...event, details: { ids: [1, 2] } })).toBe(
      '9b7d0a2f37aa109a296798c80f627164892f79f848bf6956aa12e8e48ab4facc',
    );
    expect(hashEvent({ ...event, details: { ids: [12] } })).toBe(
      '533f2104ab0c477aa3d18db0ba8f72326327917976527c5bb21a16907adf62d6',
    );
  });

  it('hashes details as they read back from the database, where undefined is null and a date a string', () => {
    const written = { at: new Date('2026-11-28T10:00:00.000Z'), ids: [1, undefined], gone: undefined };
    const readBack = JSON.parse(JSON.stringify(written)) as Record<string, unknown>;
    expect(readBack).toEqual({ at: '2026-11-28T10:00:00.000Z', ids: [1, null] });
    expect(hashEvent({ ...event, details: written })).toBe(hashEvent({ ...event, details: readBack }));
  });

  it('does not depend on the order of keys in details', () => {
    expect(hashEvent({ ...event, details: { a: { c: 'x', d: [1, 2] }, b: 1 } })).toBe(hashEvent(event));
  });

  it('changes with every field, including position and predecessor', () => {
    const base = hashEvent(event);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    const variants: Partial<ChainedFields>[] = [
      { seq: 2 },
      { occurredAt: new Date('2026-11-28T10:00:00.001Z') },
      { actorLabel: 'someone' },
      { action: 'demo.changed' },
      { targetId: 'P0002' },
      { ip: '127.0.0.1' },
      { details: { b: 2 } },
      { prevHash: 'f'.repeat(64) },
    ];
    for (const change of variants) expect(hashEvent({ ...event, ...change })).not.toBe(base);
  });
});
