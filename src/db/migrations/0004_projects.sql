-- Organisations receive releases of microdata (R1) under a data processing agreement (R2).
CREATE TABLE organisations (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name            text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  org_number      text,
  is_public_authority boolean NOT NULL DEFAULT false,
  dpa_reference   text NOT NULL,
  dpa_signed_on   date NOT NULL,
  dpa_valid_until date,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (dpa_valid_until IS NULL OR dpa_valid_until >= dpa_signed_on)
);

-- A project is one release to one organisation, with its own storage and members.
CREATE TABLE projects (
  id                  text PRIMARY KEY CHECK (id ~ '^P[0-9]{4,6}$'),
  name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  organisation_id     uuid NOT NULL REFERENCES organisations (id),
  ends_on             date,
  sensitive_data      boolean NOT NULL DEFAULT false,
  ethics_authority    text,
  ethics_reference    text,
  ethics_approved_on  date,
  ethics_valid_until  date,
  created_at          timestamptz NOT NULL DEFAULT now(),
  -- R2: a project with sensitive personal data records its ethics approval.
  CHECK (NOT sensitive_data OR (ethics_authority IS NOT NULL AND ethics_reference IS NOT NULL
                                AND ethics_approved_on IS NOT NULL))
);

CREATE TABLE project_members (
  project_id text NOT NULL REFERENCES projects (id),
  user_id    uuid NOT NULL REFERENCES users (id),
  role       text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'principal')),
  added_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_user ON project_members (user_id);
