-- A bulk import indexes its new articles for search in one statement at its
-- end (SqliteBundleWriter), not a trigger per article: FTS5 writes out its
-- pending terms whenever a statement that touched it ends (its xSavepoint),
-- so a trigger per article made a tiny index segment per article, and merging
-- them was most of an import's time.
--
-- search_backlog.after_id is NULL when every article is indexed; during a bulk
-- import it holds the highest id indexed, and the articles above it are
-- indexed, with their final text, before the import commits (in the same
-- transaction: nothing is ever left unindexed).
CREATE TABLE search_backlog (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  after_id INTEGER
);
INSERT INTO search_backlog (id, after_id) VALUES (1, NULL);

DROP TRIGGER articles_search_insert;
DROP TRIGGER articles_search_delete;
DROP TRIGGER articles_search_update;

CREATE TRIGGER articles_search_insert AFTER INSERT ON articles
  WHEN (SELECT after_id FROM search_backlog) IS NULL BEGIN
  INSERT INTO article_search (rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
END;

CREATE TRIGGER articles_search_delete AFTER DELETE ON articles
  WHEN (SELECT after_id FROM search_backlog) IS NULL OR old.id <= (SELECT after_id FROM search_backlog) BEGIN
  INSERT INTO article_search (article_search, rowid, title, summary, body)
    VALUES ('delete', old.id, old.title, old.summary, old.body);
END;

CREATE TRIGGER articles_search_update AFTER UPDATE OF title, summary, body ON articles
  WHEN (SELECT after_id FROM search_backlog) IS NULL OR old.id <= (SELECT after_id FROM search_backlog) BEGIN
  INSERT INTO article_search (article_search, rowid, title, summary, body)
    VALUES ('delete', old.id, old.title, old.summary, old.body);
  INSERT INTO article_search (rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
END;
