-- Terms of use (R10, R14): versioned documents in Swedish and English; a new version needs a new acceptance.
CREATE TABLE terms_versions (
  version      text PRIMARY KEY CHECK (version ~ '^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$'),
  published_at timestamptz NOT NULL,
  text_en      text NOT NULL CHECK (length(text_en) BETWEEN 1 AND 200000),
  text_sv      text NOT NULL CHECK (length(text_sv) BETWEEN 1 AND 200000),
  checksum     text NOT NULL
);
CREATE INDEX terms_versions_published ON terms_versions (published_at);

CREATE TABLE terms_acceptances (
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  version     text NOT NULL REFERENCES terms_versions (version),
  accepted_at timestamptz NOT NULL,
  ip          text,
  PRIMARY KEY (user_id, version)
);
