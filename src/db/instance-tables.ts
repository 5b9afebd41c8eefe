import type { Generated } from 'kysely';

export interface InstanceTables {
  instance_secrets: {
    name: string;
    value: Buffer;
    created_at: Generated<Date>;
  };
}
