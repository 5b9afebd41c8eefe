-- Password + TOTP credentials of an account linked (or being linked) to one-time passwords (R11-R13).
CREATE TABLE otp_credentials (
  user_id              uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  password_hash        text NOT NULL,
  password_changed_at  timestamptz NOT NULL,
  must_change_password boolean NOT NULL DEFAULT true,
  totp_secret          bytea,
  totp_enrolled_at     timestamptz,
  -- The newest time step a code was accepted for: that code and older ones are refused (replay).
  totp_last_step       bigint,
  CHECK ((totp_secret IS NULL) = (totp_enrolled_at IS NULL))
);

-- The welcome mail's one-time link for linking an account to a login method (R6). Only a hash is kept.
CREATE TABLE enrolment_links (
  token_hash text PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE INDEX enrolment_links_user ON enrolment_links (user_id);

-- A login or account linking between its steps, bound to a browser by a cookie whose hash is the key.
CREATE TABLE login_flows (
  id_hash    text PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('login', 'enrolment')),
  ip         text NOT NULL,
  country    text,
  state      jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX login_flows_expiry ON login_flows (expires_at);

-- Every attempt to authenticate, for throttling per address and temporary lockout per username.
-- The username is kept as typed (normalised), whether or not such an account exists.
CREATE TABLE login_attempts (
  id       bigserial PRIMARY KEY,
  at       timestamptz NOT NULL,
  ip       text NOT NULL,
  username text,
  outcome  text NOT NULL CHECK (outcome IN ('password_checked', 'failure', 'success', 'throttled'))
);
CREATE INDEX login_attempts_username ON login_attempts (username, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

-- Portal sessions (R29, R30): only the hash of the cookie's random id is stored.
CREATE TABLE portal_sessions (
  id_hash          text PRIMARY KEY,
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  method           text NOT NULL CHECK (method IN ('otp', 'bankid')),
  ip               text NOT NULL,
  country          text,
  started_at       timestamptz NOT NULL,
  last_activity_at timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL,
  ended_at         timestamptz,
  end_reason       text CHECK (end_reason IN ('logout', 'idle', 'revoked')),
  CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
CREATE INDEX portal_sessions_user ON portal_sessions (user_id) WHERE ended_at IS NULL;
CREATE INDEX portal_sessions_expiry ON portal_sessions (expires_at) WHERE ended_at IS NULL;
