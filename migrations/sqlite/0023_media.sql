-- Uploaded images (src/media/README.md). The bytes live in MediaFiles (a
-- directory beside the database); this is what is known about them.
CREATE TABLE media (
  id         TEXT PRIMARY KEY,   -- hash of the master's bytes
  file_name  TEXT NOT NULL,
  format     TEXT NOT NULL CHECK (format IN ('jpeg', 'png')),
  width      INTEGER NOT NULL,
  height     INTEGER NOT NULL,
  bytes      INTEGER NOT NULL,
  alt        TEXT NOT NULL DEFAULT '',
  caption    TEXT NOT NULL DEFAULT '',
  credit     TEXT NOT NULL DEFAULT '',
  focal_x    REAL NOT NULL DEFAULT 0.5,
  focal_y    REAL NOT NULL DEFAULT 0.5,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX media_by_time ON media (created_at);

-- Where images are used: an article's featured image, an author's photo.
ALTER TABLE articles ADD COLUMN image_id TEXT REFERENCES media (id);
ALTER TABLE authors ADD COLUMN photo_id TEXT REFERENCES media (id);
