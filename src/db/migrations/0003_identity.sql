-- Accounts. Usernames are assigned by the operator, never chosen by the user.
CREATE TABLE users (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username     text NOT NULL UNIQUE CHECK (username ~ '^[a-z][a-z0-9._-]{1,31}$'),
  full_name    text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
  email        text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email LIKE '%_@_%'),
  state        text NOT NULL DEFAULT 'invited'
               CHECK (state IN ('invited', 'active', 'suspended', 'closing', 'closed')),
  login_method text NOT NULL DEFAULT 'none' CHECK (login_method IN ('none', 'otp', 'bankid')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Staff roles; a researcher has none and reaches data only through project membership.
CREATE TABLE user_roles (
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role       text NOT NULL CHECK (role IN ('operator', 'support', 'reviewer')),
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, role)
);
