import { randomUUID } from 'node:crypto';

/** Every request gets its own id, never one a client chose: it is the correlation id support is given. */
export function newRequestId(): string {
  return randomUUID();
}
