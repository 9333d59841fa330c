-- Full-text search over title, summary and body (SQLite FTS5), kept current by
-- triggers on every insert, update and delete of an article.
CREATE VIRTUAL TABLE article_search USING fts5 (
  title, summary, body,
  content = 'articles', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
  INSERT INTO article_search (rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
END;

CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
  INSERT INTO article_search (article_search, rowid, title, summary, body)
    VALUES ('delete', old.id, old.title, old.summary, old.body);
END;

CREATE TRIGGER articles_search_update AFTER UPDATE OF title, summary, body ON articles BEGIN
  INSERT INTO article_search (article_search, rowid, title, summary, body)
    VALUES ('delete', old.id, old.title, old.summary, old.body);
  INSERT INTO article_search (rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
END;

INSERT INTO article_search (article_search) VALUES ('rebuild');
