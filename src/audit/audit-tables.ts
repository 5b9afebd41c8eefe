import type { Generated } from 'kysely';

export interface AuditTables {
  audit_events: {
    seq: Generated<number>;
    occurred_at: Date;
    actor_id: string | null;
    actor_label: string;
    action: string;
    target_type: string | null;
    target_id: string | null;
    project_id: string | null;
    ip: string | null;
    details: Record<string, unknown>;
    prev_hash: string;
    hash: string;
  };
}
