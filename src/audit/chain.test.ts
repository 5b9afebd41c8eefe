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
});

describe('hashEvent', () => {
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
