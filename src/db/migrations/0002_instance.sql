-- Keys every node of one installation shares (e.g. for signing CSRF tokens), made once on first use.
CREATE TABLE instance_secrets (
  name       text PRIMARY KEY,
  value      bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
