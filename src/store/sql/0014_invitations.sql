-- Invitations to a company. A seat is given only when the invited person accepts (an existing account
-- is never added without its consent), and no account row is made for an address until its owner
-- sets a password, so an invited address can still sign up on its own. Only the link token's SHA-256
-- is kept. status: pending, accepted, declined.
CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  email TEXT NOT NULL,
  name TEXT,
  role TEXT NOT NULL,
  invited_by TEXT NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  responded_at TEXT
);
CREATE INDEX invitations_by_company ON invitations(company_id, created_at);
CREATE INDEX invitations_by_inviter ON invitations(invited_by, created_at);
CREATE INDEX invitations_by_email ON invitations(company_id, email, status);
