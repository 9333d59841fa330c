-- State every process and node on this database shares (#14).

-- Rate limits that must hold across nodes (failed sign-ins, password resets,
-- newsletter sign-ups): one fixed window per bucket and key. `key_hash` is a
-- hash of the client address or account name (a fixed length whatever was
-- typed). Rows older than a day are deleted as new ones come.
CREATE TABLE rate_limits (
  bucket TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  hits INTEGER NOT NULL,
  PRIMARY KEY (bucket, key_hash)
);
CREATE INDEX rate_limits_by_start ON rate_limits (window_start);

-- Newsletter senders alive: each process that sends mail says so every few
-- seconds; what a sender that stopped saying so had claimed is queued again.
CREATE TABLE outbox_senders (
  worker TEXT PRIMARY KEY,
  seen_at INTEGER NOT NULL
);
