import type { Config } from '../config/schema.js';
import type { Db } from '../db/connect.js';
import type { VaultSettings } from '../storage/provision.js';

/** What the airlock needs, passed in explicitly. */
export interface AirlockDeps {
  db: Db;
  settings: Config['airlock'];
  /** Where uploads wait, outside the vault, until they are checked. */
  quarantineDir: string;
  vault: VaultSettings;
  /** Called after work is queued, to wake an in-process worker at once. */
  workQueued: () => void;
  now: () => Date;
}
