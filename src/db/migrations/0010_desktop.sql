-- Session hosts and their desktop sessions (R25, R26, R28), and the single-use tickets that open them.

-- A session host runs `mona host-agent`. Its secret is kept as a SHA-256 hash; the agent proves it at
-- registration and then gives the platform a fresh token with which the platform calls it back.
CREATE TABLE session_hosts (
  name           text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  secret_sha256  bytea NOT NULL,
  agent_url      text,
  agent_token    text,
  capacity       integer NOT NULL DEFAULT 10 CHECK (capacity BETWEEN 0 AND 10000),
  enabled        boolean NOT NULL DEFAULT true,
  registered_at  timestamptz,
  last_seen_at   timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE desktop_sessions (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id            uuid NOT NULL REFERENCES users (id),
  host_name          text NOT NULL REFERENCES session_hosts (name),
  state              text NOT NULL CHECK (state IN ('starting', 'running', 'ended')),
  -- The VNC password between the gateway and the session's Xvnc; never sent to a browser.
  vnc_password       text NOT NULL,
  keyboard           text NOT NULL DEFAULT 'us' CHECK (keyboard IN ('se', 'us')),
  started_at         timestamptz NOT NULL,
  -- Since when no connection is open (R25, R26); null while one is, or before the first.
  disconnected_at    timestamptz,
  ended_at           timestamptz,
  end_reason         text CHECK (end_reason IN ('logout', 'disconnected-limit', 'lost', 'host-removed', 'failed', 'operator')),
  CHECK ((state = 'ended') = (ended_at IS NOT NULL))
);
-- One live session per user, whichever host it is on.
CREATE UNIQUE INDEX desktop_sessions_one_live ON desktop_sessions (user_id) WHERE state <> 'ended';
CREATE INDEX desktop_sessions_host ON desktop_sessions (host_name) WHERE state <> 'ended';

-- Each connection to a session through a gateway. A gateway that dies leaves an open row whose seen_at
-- grows old; housekeeping closes it, so a session is never kept alive by a connection nobody holds.
CREATE TABLE desktop_connections (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id    uuid NOT NULL REFERENCES desktop_sessions (id),
  via           text NOT NULL CHECK (via IN ('browser', 'rdp')),
  client_ip     inet NOT NULL,
  opened_at     timestamptz NOT NULL,
  seen_at       timestamptz NOT NULL,
  closed_at     timestamptz,
  close_reason  text
);
CREATE INDEX desktop_connections_open ON desktop_connections (session_id) WHERE closed_at IS NULL;

-- A ticket opens one WebSocket to one session, once, from one address, for a short time.
CREATE TABLE desktop_tickets (
  token_sha256  bytea PRIMARY KEY,
  session_id    uuid NOT NULL REFERENCES desktop_sessions (id),
  user_id       uuid NOT NULL REFERENCES users (id),
  client_ip     inet NOT NULL,
  expires_at    timestamptz NOT NULL,
  used_at       timestamptz
);
CREATE INDEX desktop_tickets_expiry ON desktop_tickets (expires_at);
