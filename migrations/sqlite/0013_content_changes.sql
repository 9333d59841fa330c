-- What changed, for page caches in every process and node: each row names the
-- pages a change touches (a scope), so a cache drops those pages only.
--   article:<slug>  its page            column:<slug>  its listings and feeds
--   author:<slug>   its listings/feeds  tag:<slug>     its listings and feeds
--   home            home pages, the site's feeds and sitemaps
--   *               everything (a renamed author, column or tag, the publication,
--                   or a bulk import)
-- Kept by triggers; change_capture.enabled is turned off by a bulk import inside
-- its own transaction (which then writes one '*'). Old rows are pruned by writers.
CREATE TABLE content_changes (
  id    INTEGER PRIMARY KEY,
  scope TEXT NOT NULL
);
CREATE TABLE change_capture (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  enabled INTEGER NOT NULL
);
INSERT INTO change_capture (id, enabled) VALUES (1, 1);
INSERT INTO content_changes (scope) VALUES ('*');

CREATE TRIGGER articles_scope_insert AFTER INSERT ON articles
  WHEN (SELECT enabled FROM change_capture) BEGIN
  INSERT INTO content_changes (scope) VALUES ('article:' || NEW.slug), ('home'),
    ('column:' || (SELECT slug FROM columns WHERE id = NEW.column_id));
END;
CREATE TRIGGER articles_scope_update AFTER UPDATE OF slug, title, summary, body, column_id, status, published_at,
  body_format ON articles
  WHEN (SELECT enabled FROM change_capture) AND
       (OLD.slug, OLD.title, OLD.summary, OLD.body, OLD.column_id, OLD.status, OLD.published_at, OLD.body_format) IS NOT
       (NEW.slug, NEW.title, NEW.summary, NEW.body, NEW.column_id, NEW.status, NEW.published_at, NEW.body_format) BEGIN
  INSERT INTO content_changes (scope) VALUES ('article:' || OLD.slug), ('article:' || NEW.slug), ('home'),
    ('column:' || (SELECT slug FROM columns WHERE id = OLD.column_id)),
    ('column:' || (SELECT slug FROM columns WHERE id = NEW.column_id));
  -- Its authors' and tags' listings show it too.
  INSERT INTO content_changes (scope)
    SELECT 'author:' || au.slug FROM article_authors aa JOIN authors au ON au.id = aa.author_id
    WHERE aa.article_id = NEW.id;
  INSERT INTO content_changes (scope)
    SELECT 'tag:' || t.slug FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = NEW.id;
END;
CREATE TRIGGER articles_scope_delete AFTER DELETE ON articles
  WHEN (SELECT enabled FROM change_capture) BEGIN
  INSERT INTO content_changes (scope) VALUES ('article:' || OLD.slug), ('home'),
    ('column:' || (SELECT slug FROM columns WHERE id = OLD.column_id));
END;
-- A byline or a tag added or taken away (every save rewrites them: only real
-- differences matter to readers, but a few extra rows cost nothing).
CREATE TRIGGER article_authors_scope_insert AFTER INSERT ON article_authors
  WHEN (SELECT enabled FROM change_capture) BEGIN
  INSERT INTO content_changes (scope) VALUES ('author:' || (SELECT slug FROM authors WHERE id = NEW.author_id)),
    ('article:' || (SELECT slug FROM articles WHERE id = NEW.article_id));
END;
CREATE TRIGGER article_authors_scope_delete AFTER DELETE ON article_authors
  WHEN (SELECT enabled FROM change_capture) BEGIN
  INSERT INTO content_changes (scope) VALUES ('author:' || (SELECT slug FROM authors WHERE id = OLD.author_id));
END;
CREATE TRIGGER article_tags_scope_insert AFTER INSERT ON article_tags
  WHEN (SELECT enabled FROM change_capture) BEGIN
  INSERT INTO content_changes (scope) VALUES ('tag:' || (SELECT slug FROM tags WHERE id = NEW.tag_id)),
    ('article:' || (SELECT slug FROM articles WHERE id = NEW.article_id));
END;
CREATE TRIGGER article_tags_scope_delete AFTER DELETE ON article_tags
  WHEN (SELECT enabled FROM change_capture) BEGIN
  INSERT INTO content_changes (scope) VALUES ('tag:' || (SELECT slug FROM tags WHERE id = OLD.tag_id));
END;
-- Names shown on many pages: everything.
CREATE TRIGGER authors_scope_update AFTER UPDATE ON authors
  WHEN (OLD.slug, OLD.name, OLD.bio) IS NOT (NEW.slug, NEW.name, NEW.bio) BEGIN
  INSERT INTO content_changes (scope) VALUES ('*');
END;
CREATE TRIGGER authors_scope_delete AFTER DELETE ON authors BEGIN INSERT INTO content_changes (scope) VALUES ('*'); END;
CREATE TRIGGER columns_scope_insert AFTER INSERT ON columns BEGIN INSERT INTO content_changes (scope) VALUES ('*'); END;
CREATE TRIGGER columns_scope_update AFTER UPDATE ON columns
  WHEN (OLD.slug, OLD.name, OLD.title, OLD.description) IS NOT (NEW.slug, NEW.name, NEW.title, NEW.description) BEGIN
  INSERT INTO content_changes (scope) VALUES ('*');
END;
CREATE TRIGGER columns_scope_delete AFTER DELETE ON columns BEGIN INSERT INTO content_changes (scope) VALUES ('*'); END;
CREATE TRIGGER authors_scope_insert AFTER INSERT ON authors BEGIN
  INSERT INTO content_changes (scope) VALUES ('author:' || NEW.slug);
END;
CREATE TRIGGER tags_scope_insert AFTER INSERT ON tags BEGIN
  INSERT INTO content_changes (scope) VALUES ('tag:' || NEW.slug);
END;
CREATE TRIGGER tags_scope_update AFTER UPDATE ON tags
  WHEN (OLD.slug, OLD.name) IS NOT (NEW.slug, NEW.name) BEGIN
  INSERT INTO content_changes (scope) VALUES ('*');
END;
CREATE TRIGGER tags_scope_delete AFTER DELETE ON tags BEGIN INSERT INTO content_changes (scope) VALUES ('*'); END;
CREATE TRIGGER publication_scope_insert AFTER INSERT ON publication BEGIN
  INSERT INTO content_changes (scope) VALUES ('*');
END;
CREATE TRIGGER publication_scope_update AFTER UPDATE ON publication
  WHEN (OLD.name, OLD.base_url, OLD.language, OLD.timezone, OLD.copyright, OLD.newsletter_pitch, OLD.cookie_notice)
    IS NOT (NEW.name, NEW.base_url, NEW.language, NEW.timezone, NEW.copyright, NEW.newsletter_pitch,
            NEW.cookie_notice) BEGIN
  INSERT INTO content_changes (scope) VALUES ('*');
END;
