-- Erasing a subscriber (GDPR) deletes every row about them. An address that
-- was suppressed (it bounced for good) leaves only a keyed hash here, so it
-- is never mailed again (newsletter/tokens.h SuppressionHash).
CREATE TABLE suppressed_hashes (
  hash          TEXT PRIMARY KEY,
  suppressed_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX outbox_by_subscriber ON outbox (subscriber_id);
