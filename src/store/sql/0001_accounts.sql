-- Users, single-use tokens, companies and memberships.
-- Portable subset of SQLite and PostgreSQL: ids are UUID text, times RFC 3339 UTC text (fixed width,
-- so text order is time order), booleans INTEGER 0/1. Statements end with ";" at the end of a line.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT,
  password_hash TEXT NOT NULL DEFAULT '',
  verified INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Verification, password reset and invitation tokens: only their SHA-256 is stored.
CREATE TABLE auth_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  purpose TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX auth_tokens_by_user ON auth_tokens(user_id, purpose);

CREATE TABLE companies (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  address TEXT,
  industry TEXT,
  website TEXT,
  overview TEXT,
  background TEXT,
  products_services TEXT,
  account_email TEXT,
  account_type TEXT,
  cronofy_provider TEXT,
  cronofy_linked_email TEXT,
  cronofy_default_calendar_name TEXT,
  cronofy_default_calendar_id TEXT,
  custom_calendar_link TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE user_company_profiles (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  company_id TEXT NOT NULL REFERENCES companies(id),
  role TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (user_id, company_id)
);
CREATE INDEX user_company_profiles_by_company ON user_company_profiles(company_id);

-- Failed sign-ins per key ("email:..." or "ip:..."), shared by every server process.
CREATE TABLE login_throttle (
  throttle_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_started_at TEXT NOT NULL,
  locked_until TEXT
);
