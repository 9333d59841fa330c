-- Staff management (src/admin/README.md): deactivated accounts, invitations,
-- password resets, tokens owned by an account, sessions one can see and end,
-- and the audit log. Every token is stored only as a BLAKE2b hash.

-- A deactivated account cannot sign in; its sessions and tokens are deleted
-- when it is deactivated.
ALTER TABLE users ADD COLUMN deactivated_at INTEGER;

-- A token made in the admin belongs to its account: it acts as that account
-- (its current role and byline) and ends with it. Tokens made on the command
-- line (`token create`) have no account and keep their own role.
ALTER TABLE api_tokens ADD COLUMN user_id INTEGER REFERENCES users (id) ON DELETE CASCADE;

-- What "your sessions" shows of each.
ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER;
ALTER TABLE sessions ADD COLUMN client_addr TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
CREATE INDEX sessions_by_user ON sessions (user_id);

-- An emailed invitation: valid 7 days, used once.
CREATE TABLE invitations (
  id          INTEGER PRIMARY KEY,
  email       TEXT NOT NULL COLLATE NOCASE,
  role        TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'author', 'contributor')),
  author_slug TEXT,
  token_hash  TEXT NOT NULL UNIQUE,
  invited_by  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  accepted_at INTEGER
);
CREATE INDEX invitations_by_email ON invitations (email);

-- An emailed password reset: valid 1 hour, used once.
CREATE TABLE password_resets (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
);

-- Who did what and when; kept one year.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  actor       TEXT NOT NULL,   -- an account's email, "token:<name>", or "" (nobody signed in)
  action      TEXT NOT NULL,   -- "sign_in", "article.publish", "user.role", ...
  subject     TEXT NOT NULL,   -- what it was done to: an email, a slug, a setting
  detail      TEXT NOT NULL DEFAULT '',
  client_addr TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_time ON audit_log (at);
