-- A counter that moves whenever anything readers can see changes, whichever
-- process or node changed it: page caches compare it to know they are current.
CREATE TABLE content_version (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  value INTEGER NOT NULL
);
INSERT INTO content_version (id, value) VALUES (1, 1);

CREATE TRIGGER articles_changed_insert AFTER INSERT ON articles BEGIN UPDATE content_version SET value = value + 1; END;
-- Only columns readers see: the newsletter's bookkeeping does not count.
CREATE TRIGGER articles_changed_update AFTER UPDATE OF slug, title, summary, body, column_id, status, published_at
  ON articles BEGIN UPDATE content_version SET value = value + 1; END;
CREATE TRIGGER articles_changed_delete AFTER DELETE ON articles BEGIN UPDATE content_version SET value = value + 1; END;
CREATE TRIGGER article_authors_changed_insert AFTER INSERT ON article_authors BEGIN UPDATE content_version SET value = value + 1; END;
CREATE TRIGGER article_authors_changed_delete AFTER DELETE ON article_authors BEGIN UPDATE content_version SET value = value + 1; END;
CREATE TRIGGER article_tags_changed_insert AFTER INSERT ON article_tags BEGIN UPDATE content_version SET value = value + 1; END;
CREATE TRIGGER article_tags_changed_delete AFTER DELETE ON article_tags BEGIN UPDATE content_version SET value = value + 1; END;
CREATE TRIGGER authors_changed_insert AFTER INSERT ON authors BEGIN UPDATE content_version SET value = value + 1; END;
CREATE TRIGGER authors_changed_update AFTER UPDATE ON authors BEGIN UPDATE content_version SET value = value + 1; END;
CREATE TRIGGER authors_changed_delete AFTER DELETE ON authors BEGIN UPDATE content_version SET value = value + 1; END;
CREATE TRIGGER columns_changed_insert AFTER INSERT ON columns BEGIN UPDATE content_version SET value = value + 1; END;
CREATE TRIGGER columns_changed_update AFTER UPDATE ON columns BEGIN UPDATE content_version SET value = value + 1; END;
CREATE TRIGGER columns_changed_delete AFTER DELETE ON columns BEGIN UPDATE content_version SET value = value + 1; END;
CREATE TRIGGER tags_changed_insert AFTER INSERT ON tags BEGIN UPDATE content_version SET value = value + 1; END;
CREATE TRIGGER tags_changed_update AFTER UPDATE ON tags BEGIN UPDATE content_version SET value = value + 1; END;
CREATE TRIGGER tags_changed_delete AFTER DELETE ON tags BEGIN UPDATE content_version SET value = value + 1; END;
CREATE TRIGGER publication_changed_insert AFTER INSERT ON publication BEGIN UPDATE content_version SET value = value + 1; END;
CREATE TRIGGER publication_changed_update AFTER UPDATE ON publication BEGIN UPDATE content_version SET value = value + 1; END;
