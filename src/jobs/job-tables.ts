import type { Generated } from 'kysely';

export interface JobTables {
  jobs: {
    id: Generated<number>;
    kind: string;
    payload: unknown;
    run_after: Generated<Date>;
    attempts: Generated<number>;
    locked_until: Date | null;
    last_error: string | null;
    done_at: Date | null;
  };
}
