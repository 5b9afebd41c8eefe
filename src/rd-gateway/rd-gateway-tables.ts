/** One row per RDP file: hashes of its gateway token and logon secret, and when each was spent. */
export interface RdGatewayTables {
  rdp_grants: {
    token_sha256: Buffer;
    logon_sha256: Buffer;
    session_id: string;
    user_id: string;
    client_ip: string;
    target_host: string;
    target_port: number;
    issued_at: Date;
    expires_at: Date;
    tunnel_at: Date | null;
    logon_at: Date | null;
  };
}
