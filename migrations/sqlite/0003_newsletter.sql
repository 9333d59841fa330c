-- The newsletter: subscribers, their subscriptions (whole publication or one
-- column), and the durable outbox of article emails. See src/newsletter/README.md.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE subscribers (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at    INTEGER NOT NULL,
  hard_bounces  INTEGER NOT NULL DEFAULT 0,  -- 5xx answers in a row
  suppressed_at INTEGER                      -- set: never mailed again
);

CREATE TABLE subscriptions (
  id                 INTEGER PRIMARY KEY,
  subscriber_id      INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
  column_id          INTEGER REFERENCES columns (id) ON DELETE CASCADE,  -- NULL: the whole publication
  scope              INTEGER NOT NULL,  -- column_id, or 0 for the publication: NULLs are never equal in UNIQUE
  state              TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'unsubscribed', 'suppressed')),
  confirm_token_hash TEXT,              -- hex BLAKE2b of the emailed token; the token itself is never stored
  confirm_expires_at INTEGER,
  created_at         INTEGER NOT NULL,
  confirmed_at       INTEGER,
  unsubscribed_at    INTEGER,
  UNIQUE (subscriber_id, scope)
);
CREATE UNIQUE INDEX subscriptions_by_token ON subscriptions (confirm_token_hash)
  WHERE confirm_token_hash IS NOT NULL;
CREATE INDEX subscriptions_confirmed ON subscriptions (scope) WHERE state = 'confirmed';

-- An article is announced once: when the outbox rows for it have been made.
ALTER TABLE articles ADD COLUMN newsletter_queued_at INTEGER;
UPDATE articles SET newsletter_queued_at = unixepoch()
  WHERE status IN ('published', 'scheduled') AND published_at <= unixepoch();
CREATE INDEX articles_to_announce ON articles (published_at) WHERE newsletter_queued_at IS NULL;

CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  article_id      INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  subscriber_id   INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  state           TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  claimed_by      TEXT,     -- "host:pid" of the sender while state = 'sending'
  claimed_until   INTEGER,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER,
  UNIQUE (article_id, subscriber_id)  -- one email per reader per article, however subscribed
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
