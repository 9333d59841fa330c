-- The content model of CONTRACT.md: publication, authors, columns, tags, articles.
-- Times are Unix seconds (UTC).

CREATE TABLE publication (
  id               INTEGER PRIMARY KEY CHECK (id = 1),  -- one publication per database
  name             TEXT NOT NULL,
  base_url         TEXT NOT NULL,
  language         TEXT NOT NULL DEFAULT 'en',
  timezone         TEXT NOT NULL DEFAULT 'UTC',
  copyright        TEXT NOT NULL DEFAULT '',
  newsletter_pitch TEXT NOT NULL DEFAULT '',
  cookie_notice    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE authors (
  id   INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  bio  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE columns (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  title       TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE tags (
  id   INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);

CREATE TABLE articles (
  id           INTEGER PRIMARY KEY,
  slug         TEXT NOT NULL UNIQUE,
  title        TEXT NOT NULL,
  summary      TEXT NOT NULL DEFAULT '',
  body         TEXT NOT NULL DEFAULT '',
  column_id    INTEGER NOT NULL REFERENCES columns (id),
  status       TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'published')),
  published_at INTEGER NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
-- Listings: newest first, overall and per column.
CREATE INDEX articles_by_time ON articles (published_at DESC);
CREATE INDEX articles_by_column ON articles (column_id, published_at DESC);

CREATE TABLE article_authors (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  author_id  INTEGER NOT NULL REFERENCES authors (id),
  position   INTEGER NOT NULL,  -- byline order
  PRIMARY KEY (article_id, author_id)
) WITHOUT ROWID;
CREATE INDEX article_authors_by_author ON article_authors (author_id, article_id);

CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags (id),
  position   INTEGER NOT NULL,
  PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_by_tag ON article_tags (tag_id, article_id);
