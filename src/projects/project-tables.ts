import type { Generated } from 'kysely';

export type MemberRole = 'member' | 'principal';

export interface ProjectTables {
  organisations: {
    id: Generated<string>;
    name: string;
    org_number: string | null;
    is_public_authority: Generated<boolean>;
    dpa_reference: string;
    dpa_signed_on: string;
    dpa_valid_until: string | null;
    created_at: Generated<Date>;
  };
  projects: {
    id: string;
    name: string;
    organisation_id: string;
    ends_on: string | null;
    sensitive_data: Generated<boolean>;
    ethics_authority: string | null;
    ethics_reference: string | null;
    ethics_approved_on: string | null;
    ethics_valid_until: string | null;
    unix_gid: number | null;
    upload_review: Generated<boolean>;
    created_at: Generated<Date>;
  };
  project_members: {
    project_id: string;
    user_id: string;
    role: Generated<MemberRole>;
    added_at: Generated<Date>;
  };
}
