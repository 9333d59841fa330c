-- Two-factor sign-in (TOTP, RFC 6238) with recovery codes (admin/two_factor.h).
ALTER TABLE users ADD COLUMN totp_secret TEXT;   -- hex; set: two-factor is on
ALTER TABLE users ADD COLUMN totp_pending TEXT;  -- hex; being set up, not confirmed yet
-- The time step of the last code accepted: a code is good once.
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;

-- One-time codes for when the phone is lost; stored only as hashes.
CREATE TABLE recovery_codes (
  user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at   INTEGER,
  PRIMARY KEY (user_id, code_hash)
) WITHOUT ROWID;

-- A password that was right, waiting for its second factor (5 minutes).
CREATE TABLE sign_in_challenges (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
