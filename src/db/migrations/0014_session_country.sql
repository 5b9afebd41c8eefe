-- A portal session used from an address outside the approved countries ends there (R3): 'country'.
ALTER TABLE portal_sessions DROP CONSTRAINT portal_sessions_end_reason_check;
ALTER TABLE portal_sessions ADD CONSTRAINT portal_sessions_end_reason_check
  CHECK (end_reason IN ('logout', 'idle', 'revoked', 'country'));
