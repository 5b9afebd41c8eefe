-- Accounts linked to BankID (R5, R8). The personal identity number is kept as a keyed hash, to be
-- matched, and in a masked form for staff screens; never in full.
CREATE TABLE bankid_links (
  user_id    uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  pin_hmac   text NOT NULL UNIQUE,
  pin_masked text NOT NULL,
  linked_at  timestamptz NOT NULL
);

-- A BankID login of an account not (yet) linked to that identity: support checks it and links (R9).
CREATE TABLE bankid_link_requests (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username     text NOT NULL,
  pin_hmac     text NOT NULL,
  pin_masked   text NOT NULL,
  name         text NOT NULL,
  ip           text NOT NULL,
  country      text,
  requested_at timestamptz NOT NULL,
  state        text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
  decided_at   timestamptz,
  decided_by   text,
  CHECK ((state = 'pending') = (decided_at IS NULL))
);
-- One open request per username and identity: asking again refreshes it.
CREATE UNIQUE INDEX bankid_link_requests_open ON bankid_link_requests (username, pin_hmac) WHERE state = 'pending';
CREATE INDEX bankid_link_requests_pending ON bankid_link_requests (requested_at) WHERE state = 'pending';
