-- The audit log: append-only, each event carrying the hash of the one before it.
CREATE TABLE audit_events (
  seq         bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  actor_id    uuid,
  actor_label text NOT NULL,
  action      text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
  target_type text,
  target_id   text,
  project_id  text,
  ip          text,
  details     jsonb NOT NULL DEFAULT '{}',
  prev_hash   text NOT NULL,
  hash        text NOT NULL UNIQUE
);

CREATE INDEX audit_events_actor ON audit_events (actor_id, seq);
CREATE INDEX audit_events_project ON audit_events (project_id, seq);
CREATE INDEX audit_events_action ON audit_events (action, seq);

CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER audit_events_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();

CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
