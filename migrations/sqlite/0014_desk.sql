-- The desk: what editors add to an article, every save kept, the trash, and
-- old paths that redirect.

-- Optional article fields of the bundle format (CONTRACT.md).
ALTER TABLE articles ADD COLUMN kicker TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN seo_title TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN seo_description TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN canonical_url TEXT NOT NULL DEFAULT '';
-- Dated notes shown under the article, oldest first:
-- JSON [{"at": unix seconds, "text": "...", "kind": "correction" | "update"}].
ALTER TABLE articles ADD COLUMN corrections TEXT NOT NULL DEFAULT '[]';
-- 0: turning public marks it announced without mailing anyone.
ALTER TABLE articles ADD COLUMN send_newsletter INTEGER NOT NULL DEFAULT 1;
-- "In review" is a draft an editor has been asked to look at. It is stored as
-- status 'draft' with this flag, so every public query (status published or
-- scheduled) stays as it is, and the status CHECK needs no table rebuild.
ALTER TABLE articles ADD COLUMN in_review INTEGER NOT NULL DEFAULT 0;
-- The trash: a trashed article is turned into a draft (never public) and keeps
-- the status it had, to get back on restore. It keeps its slug meanwhile.
ALTER TABLE articles ADD COLUMN trashed_at INTEGER;
ALTER TABLE articles ADD COLUMN trashed_status TEXT;
ALTER TABLE articles ADD COLUMN trashed_by TEXT;
CREATE INDEX articles_in_trash ON articles (trashed_at) WHERE trashed_at IS NOT NULL;

-- The admin list at archive scale: every filter it offers (trash, status,
-- column, dates) is in these two narrow indexes, one per order, so listing,
-- counting and skipping to page N read index entries only, never the wide
-- article rows.
CREATE INDEX articles_desk_by_update ON articles (trashed_at, updated_at DESC, id DESC, status, in_review,
                                                  column_id, published_at);
CREATE INDEX articles_desk_by_date ON articles (trashed_at, published_at DESC, id DESC, status, in_review,
                                                column_id);
-- ... and for a list driven by a small set of ids (an author's, a tag's, a
-- search's): the same columns found by id.
CREATE INDEX articles_desk_by_id ON articles (id, trashed_at, updated_at, published_at, status, in_review, column_id);

-- Every save made at the desk (API, admin), with who and when. `revision` is the
-- article's revision that save made (its ETag), so /revisions/{revision}.
-- `snapshot` is the article as the API shows it (JSON).
CREATE TABLE article_revisions (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  revision   INTEGER NOT NULL,
  saved_at   INTEGER NOT NULL,
  saved_by   TEXT NOT NULL,          -- the editor's name, or "import"
  note       TEXT NOT NULL DEFAULT '',  -- "restored revision 3", "autosave", ...
  title      TEXT NOT NULL,
  words      INTEGER NOT NULL,
  snapshot   TEXT NOT NULL,
  PRIMARY KEY (article_id, revision)
) WITHOUT ROWID;

-- Old paths answering 301 (content/redirect.h). `from_path` is decoded, as
-- requests arrive.
CREATE TABLE redirects (
  from_path  TEXT PRIMARY KEY,
  to_path    TEXT NOT NULL,
  source     TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX redirects_by_target ON redirects (to_path);

-- Caches: a redirect turns a cached 404 into a 301 (any path: everything).
CREATE TRIGGER redirects_scope_insert AFTER INSERT ON redirects
  WHEN (SELECT enabled FROM change_capture) BEGIN
  INSERT INTO content_changes (scope) VALUES ('*');
END;
CREATE TRIGGER redirects_scope_update AFTER UPDATE ON redirects
  WHEN (SELECT enabled FROM change_capture) BEGIN
  INSERT INTO content_changes (scope) VALUES ('*');
END;
CREATE TRIGGER redirects_scope_delete AFTER DELETE ON redirects
  WHEN (SELECT enabled FROM change_capture) BEGIN
  INSERT INTO content_changes (scope) VALUES ('*');
END;
-- What readers see of the new fields: the article's page and the feeds.
CREATE TRIGGER articles_scope_update_desk AFTER UPDATE OF kicker, seo_title, seo_description, canonical_url,
  corrections ON articles
  WHEN (SELECT enabled FROM change_capture) AND
       (OLD.kicker, OLD.seo_title, OLD.seo_description, OLD.canonical_url, OLD.corrections) IS NOT
       (NEW.kicker, NEW.seo_title, NEW.seo_description, NEW.canonical_url, NEW.corrections) BEGIN
  INSERT INTO content_changes (scope) VALUES ('article:' || NEW.slug), ('home'),
    ('column:' || (SELECT slug FROM columns WHERE id = NEW.column_id));
END;
