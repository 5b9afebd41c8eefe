-- Notices to users (R18, R33): messages, and planned closures during which nobody can log in.
CREATE TABLE notices (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  text_en      text NOT NULL CHECK (length(text_en) BETWEEN 1 AND 2000),
  text_sv      text NOT NULL CHECK (length(text_sv) BETWEEN 1 AND 2000),
  shown_from   timestamptz NOT NULL,
  shown_until  timestamptz NOT NULL,
  closed_from  timestamptz,
  closed_until timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (shown_until > shown_from),
  CHECK ((closed_from IS NULL) = (closed_until IS NULL)),
  CHECK (closed_until IS NULL OR closed_until > closed_from)
);
CREATE INDEX notices_shown ON notices (shown_until);
