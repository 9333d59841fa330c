-- What editors are doing: unsaved work kept by autosave, who has which
-- article open (shown as "Laura Rozen is editing"), and their notes. In the database, not
-- in memory, so every node of a site sees the same.

-- One autosave per editor and article ("new" for an article not saved yet);
-- `fields` is the editor form as typed (as posted, form-encoded, without its
-- CSRF token). Dropped when the article is saved.
CREATE TABLE article_autosaves (
  user_email  TEXT NOT NULL,
  article_key TEXT NOT NULL,
  saved_at    INTEGER NOT NULL,
  fields      TEXT NOT NULL,
  PRIMARY KEY (user_email, article_key)
) WITHOUT ROWID;

-- A heartbeat from each open editor; rows older than a minute mean nothing.
CREATE TABLE article_presence (
  article_slug TEXT NOT NULL,
  user_email   TEXT NOT NULL,
  user_name    TEXT NOT NULL,
  seen_at      INTEGER NOT NULL,
  PRIMARY KEY (article_slug, user_email)
) WITHOUT ROWID;
CREATE INDEX article_presence_by_time ON article_presence (seen_at);

-- Notes staff leave on an article ("check the minister's title"); never public.
CREATE TABLE article_notes (
  id          INTEGER PRIMARY KEY,
  article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  author_name TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  text        TEXT NOT NULL
);
CREATE INDEX article_notes_by_article ON article_notes (article_id, id);
