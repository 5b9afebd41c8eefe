import { createHash } from 'node:crypto';

/** The hash an empty log starts from. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  occurredAt: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  projectId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  prevHash: string;
}

/**
 * SHA-256 over a canonical JSON form of the event. The sequence number is part
 * of it, so moving an event to another place breaks the chain as surely as
 * editing it; the previous hash is part of it, so deleting one does too.
 */
export function hashEvent(event: ChainedFields): string {
  const canonical = canonicalJson([
    event.seq,
    event.occurredAt.toISOString(),
    event.actorId,
    event.actorLabel,
    event.action,
    event.targetType,
    event.targetId,
    event.projectId,
    event.ip,
    event.details,
    event.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** JSON with object keys sorted at every depth: PostgreSQL's jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const record = value as Record<string, unknown>;
    // sort() orders strings by their UTF-16 code units, as `<` compares them.
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
