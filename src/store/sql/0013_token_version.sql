-- Access tokens carry the user's token version; setting a password or logging out moves it on, so
-- every token issued before is refused.
ALTER TABLE users ADD COLUMN token_version BIGINT NOT NULL DEFAULT 0;
