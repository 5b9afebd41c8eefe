-- Single-use RDP files (R15): each file carries a gateway access token and a logon secret, kept as hashes.
-- The token opens one tunnel through mona's RD gateway, from the address that downloaded the file, to the
-- session's host; the secret logs the user into that session once, without a password.
CREATE TABLE rdp_grants (
  token_sha256   bytea PRIMARY KEY,
  logon_sha256   bytea NOT NULL UNIQUE,
  session_id     uuid NOT NULL REFERENCES desktop_sessions (id),
  user_id        uuid NOT NULL REFERENCES users (id),
  client_ip      inet NOT NULL,
  -- What the file names as the RDP server and what the tunnel may reach: the session's host.
  target_host    text NOT NULL,
  target_port    integer NOT NULL CHECK (target_port BETWEEN 1 AND 65535),
  issued_at      timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL,
  tunnel_at      timestamptz,
  logon_at       timestamptz
);
CREATE INDEX rdp_grants_expiry ON rdp_grants (expires_at);
