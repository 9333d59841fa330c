-- Static pages (About, Privacy...) at /{slug}, listed in every page's footer.
CREATE TABLE pages (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  title       TEXT NOT NULL,
  body        TEXT NOT NULL,
  body_format TEXT NOT NULL DEFAULT 'markdown',
  published   INTEGER NOT NULL DEFAULT 1,
  in_footer   INTEGER NOT NULL DEFAULT 1,
  position    INTEGER NOT NULL DEFAULT 0,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX pages_footer ON pages (position, title) WHERE published AND in_footer;

-- Every page's footer lists them: any change shows everywhere (scope '*').
CREATE TRIGGER pages_changed_insert AFTER INSERT ON pages BEGIN
  UPDATE content_version SET value = value + 1;
  INSERT INTO content_changes (scope) SELECT '*' WHERE (SELECT enabled FROM change_capture);
END;
CREATE TRIGGER pages_changed_update AFTER UPDATE ON pages BEGIN
  UPDATE content_version SET value = value + 1;
  INSERT INTO content_changes (scope) SELECT '*' WHERE (SELECT enabled FROM change_capture);
END;
CREATE TRIGGER pages_changed_delete AFTER DELETE ON pages BEGIN
  UPDATE content_version SET value = value + 1;
  INSERT INTO content_changes (scope) SELECT '*' WHERE (SELECT enabled FROM change_capture);
END;
