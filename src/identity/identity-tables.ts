import type { Generated } from 'kysely';

export type UserState = 'invited' | 'active' | 'suspended' | 'closing' | 'closed';
export type LoginMethod = 'none' | 'otp' | 'bankid';
export type StaffRole = 'operator' | 'support' | 'reviewer';

export interface IdentityTables {
  users: {
    id: Generated<string>;
    username: string;
    full_name: string;
    email: string;
    state: Generated<UserState>;
    login_method: Generated<LoginMethod>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  user_roles: {
    user_id: string;
    role: StaffRole;
    granted_at: Generated<Date>;
  };
}
