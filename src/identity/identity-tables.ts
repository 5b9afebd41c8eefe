import type { Generated } from 'kysely';
import type { LoginMethod } from './account-contract.js';
import type { StaffRole } from './session-contract.js';

// The values the web app also sees are declared once, in the contracts.
export type { LoginMethod, StaffRole };
export type UserState = 'invited' | 'active' | 'suspended' | 'closing' | 'closed';
export type SessionEndReason = 'logout' | 'idle' | 'revoked' | 'country';

export interface IdentityTables {
  users: {
    id: Generated<string>;
    username: string;
    full_name: string;
    email: string;
    state: Generated<UserState>;
    login_method: Generated<LoginMethod>;
    unix_uid: number | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  user_roles: {
    user_id: string;
    role: StaffRole;
    granted_at: Generated<Date>;
  };
  otp_credentials: {
    user_id: string;
    password_hash: string;
    password_changed_at: Date;
    must_change_password: Generated<boolean>;
    totp_secret: Buffer | null;
    totp_enrolled_at: Date | null;
    totp_last_step: number | null;
  };
  enrolment_links: {
    token_hash: string;
    user_id: string;
    created_at: Generated<Date>;
    expires_at: Date;
    used_at: Date | null;
  };
  login_flows: {
    id_hash: string;
    kind: 'login' | 'enrolment';
    ip: string;
    country: string | null;
    state: unknown;
    created_at: Generated<Date>;
    expires_at: Date;
  };
  login_attempts: {
    id: Generated<number>;
    at: Date;
    ip: string;
    username: string | null;
    /**
     * password_checked: a password tried (growing delays until a login of that username follows);
     * failure: a wrong code after the right password (toward the lock); refused: any other refusal.
     */
    outcome: 'password_checked' | 'failure' | 'refused' | 'success' | 'throttled';
  };
  bankid_links: {
    user_id: string;
    pin_hmac: string;
    pin_masked: string;
    linked_at: Date;
  };
  bankid_link_requests: {
    id: Generated<string>;
    username: string;
    pin_hmac: string;
    pin_masked: string;
    name: string;
    ip: string;
    country: string | null;
    requested_at: Date;
    state: Generated<'pending' | 'approved' | 'rejected'>;
    decided_at: Date | null;
    decided_by: string | null;
  };
  account_deletion_requests: {
    id: Generated<string>;
    user_id: string;
    requested_at: Date;
    ip: string;
    reason: string | null;
    state: Generated<'open' | 'done' | 'withdrawn'>;
  };
  portal_sessions: {
    id_hash: string;
    user_id: string;
    method: 'otp' | 'bankid';
    ip: string;
    country: string | null;
    started_at: Date;
    last_activity_at: Date;
    expires_at: Date;
    ended_at: Date | null;
    end_reason: SessionEndReason | null;
  };
}
