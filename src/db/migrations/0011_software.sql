-- The software catalogue, what each project ordered (R19), and licence seats checked out in sessions (R28).
CREATE TABLE software (
  id           text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{0,31}$'),
  name         text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  description  text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
  -- argv: no shell ever parses it.
  command      text[] NOT NULL CHECK (cardinality(command) BETWEEN 1 AND 64 AND command[1] <> ''
                                      AND array_position(command, NULL) IS NULL),
  -- Licence seats across the platform; NULL: unlimited.
  seats        integer CHECK (seats >= 0),
  -- Shown in the published catalogue.
  listed       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE project_software (
  project_id   text NOT NULL REFERENCES projects (id),
  software_id  text NOT NULL REFERENCES software (id),
  granted_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, software_id)
);
CREATE INDEX project_software_software ON project_software (software_id);

-- A seat in use by one running program. Checkout locks the software row, so live leases never
-- outnumber its seats. Removing software takes its returned leases with it; the audit log keeps them.
CREATE TABLE licence_leases (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  software_id     text NOT NULL REFERENCES software (id) ON DELETE CASCADE,
  session_id      uuid NOT NULL REFERENCES desktop_sessions (id),
  user_id         uuid NOT NULL REFERENCES users (id),
  checked_out_at  timestamptz NOT NULL,
  returned_at     timestamptz,
  return_reason   text CHECK (length(return_reason) BETWEEN 1 AND 64),
  CHECK ((returned_at IS NULL) = (return_reason IS NULL))
);
CREATE INDEX licence_leases_live ON licence_leases (software_id) WHERE returned_at IS NULL;
CREATE INDEX licence_leases_session ON licence_leases (session_id) WHERE returned_at IS NULL;
