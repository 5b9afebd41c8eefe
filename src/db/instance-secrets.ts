import { randomBytes } from 'node:crypto';
import type { Db } from './connect.js';

/**
 * A key shared by every node of the installation, made on first use. Two nodes
 * racing to make it agree on whichever insert won.
 */
export async function instanceSecret(db: Db, name: string, bytes = 32): Promise<Buffer> {
  await db
    .insertInto('instance_secrets')
    .values({ name, value: randomBytes(bytes) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('instance_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.value;
}
