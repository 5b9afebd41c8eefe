-- Unix ids the platform allocates, so that every session host and file server uses the same ones.
CREATE SEQUENCE unix_uid_seq START 200000;
CREATE SEQUENCE unix_gid_seq START 300000;
ALTER TABLE users ADD COLUMN unix_uid integer UNIQUE;
ALTER TABLE projects ADD COLUMN unix_gid integer UNIQUE;
-- R23: whether a person must look at uploads to this project's members before they are delivered.
ALTER TABLE projects ADD COLUMN upload_review boolean NOT NULL DEFAULT false;

-- Uploads through MONA web into the user's InBox (R23), a state machine whose every step is audited.
CREATE TABLE uploads (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id        uuid NOT NULL REFERENCES users (id),
  project_id     text REFERENCES projects (id),
  original_name  text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 255),
  bytes          bigint NOT NULL CHECK (bytes >= 0),
  sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  detected_type  text,
  state          text NOT NULL CHECK (state IN ('received', 'checking', 'in_review', 'approved', 'delivered', 'rejected')),
  -- A stable code (e.g. "infected", "quota_exceeded") and, for people, the detail.
  reason         text,
  reason_detail  text,
  delivered_name text,
  received_at    timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  CHECK ((state = 'rejected') = (reason IS NOT NULL))
);
CREATE INDEX uploads_user ON uploads (user_id, received_at DESC);

-- Background work, claimed with FOR UPDATE SKIP LOCKED by any worker; a crash leaves the job to be claimed again.
CREATE TABLE jobs (
  id          bigserial PRIMARY KEY,
  kind        text NOT NULL,
  payload     jsonb NOT NULL,
  run_after   timestamptz NOT NULL DEFAULT now(),
  attempts    integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_error  text,
  done_at     timestamptz
);
CREATE INDEX jobs_ready ON jobs (run_after) WHERE done_at IS NULL;

-- R31: a user orders the closure and deletion of their account; support processes it.
CREATE TABLE account_deletion_requests (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users (id),
  requested_at timestamptz NOT NULL,
  ip           text NOT NULL,
  reason       text CHECK (length(reason) <= 2000),
  state        text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'withdrawn'))
);
CREATE UNIQUE INDEX account_deletion_requests_open ON account_deletion_requests (user_id) WHERE state = 'open';
