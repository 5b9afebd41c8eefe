-- A refused login step that does not count against the username: a wrong password or an unknown
-- username (told only after the code), an account that cannot log in, a BankID refusal. Only a wrong
-- code after the right password stays a 'failure', toward the username's lock; 'password_checked'
-- marks a password tried, toward the growing delays.
ALTER TABLE login_attempts DROP CONSTRAINT login_attempts_outcome_check;
ALTER TABLE login_attempts ADD CONSTRAINT login_attempts_outcome_check
  CHECK (outcome IN ('password_checked', 'failure', 'refused', 'success', 'throttled'));
