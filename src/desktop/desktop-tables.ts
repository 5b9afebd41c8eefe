import type { Generated } from 'kysely';
import type { DesktopEndReason } from './desktop-contract.js';

export type { DesktopEndReason };
export type DesktopState = 'starting' | 'running' | 'ended';

export interface DesktopTables {
  session_hosts: {
    name: string;
    secret_sha256: Buffer;
    agent_url: string | null;
    agent_token: string | null;
    capacity: Generated<number>;
    enabled: Generated<boolean>;
    rdp_port: number | null;
    registered_at: Date | null;
    last_seen_at: Date | null;
    created_at: Generated<Date>;
  };
  desktop_sessions: {
    id: Generated<string>;
    user_id: string;
    host_name: string;
    state: DesktopState;
    vnc_password: string;
    keyboard: Generated<'se' | 'us'>;
    started_at: Date;
    disconnected_at: Date | null;
    ended_at: Date | null;
    end_reason: DesktopEndReason | null;
    /** Renewed by the process starting the session while it works; null when no start holds it. */
    starting_until: Date | null;
  };
  desktop_connections: {
    id: Generated<string>;
    session_id: string;
    via: 'browser' | 'rdp';
    client_ip: string;
    opened_at: Date;
    seen_at: Date;
    closed_at: Date | null;
    close_reason: string | null;
  };
  desktop_tickets: {
    token_sha256: Buffer;
    session_id: string;
    user_id: string;
    client_ip: string;
    expires_at: Date;
    used_at: Date | null;
  };
}
