import type { Generated } from 'kysely';

export interface SoftwareTables {
  software: {
    id: string;
    name: string;
    description: Generated<string>;
    description_sv: Generated<string>;
    command: string[];
    seats: number | null;
    listed: Generated<boolean>;
    created_at: Generated<Date>;
  };
  project_software: {
    project_id: string;
    software_id: string;
    granted_at: Generated<Date>;
  };
  licence_leases: {
    id: Generated<string>;
    software_id: string;
    session_id: string;
    user_id: string;
    checked_out_at: Date;
    returned_at: Date | null;
    return_reason: string | null;
  };
}
