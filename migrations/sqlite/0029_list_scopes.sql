-- Article pages show the newest of their column and of their tags ("more
-- from", "related"). They now depend on which articles those lists hold
-- (list:column:<slug>, list:tag:<slug>) and on the articles shown in them
-- (article:<slug>), no longer on every change in the column or tag: a
-- headline edit redoes the pages that show that headline, not every article
-- page of its column (site/site_routes.cpp, ArticlePage).
-- A list's members change when an article comes or goes, moves to another
-- column, is published, unpublished or redated, or gains or loses a tag.
CREATE TRIGGER articles_list_scope_insert AFTER INSERT ON articles
  WHEN (SELECT enabled FROM change_capture) BEGIN
  INSERT INTO content_changes (scope) VALUES ('list:column:' || (SELECT slug FROM columns WHERE id = NEW.column_id));
END;
CREATE TRIGGER articles_list_scope_delete AFTER DELETE ON articles
  WHEN (SELECT enabled FROM change_capture) BEGIN
  INSERT INTO content_changes (scope) VALUES ('list:column:' || (SELECT slug FROM columns WHERE id = OLD.column_id));
END;
CREATE TRIGGER articles_list_scope_update AFTER UPDATE OF column_id, status, published_at ON articles
  WHEN (SELECT enabled FROM change_capture) AND
       (OLD.column_id, OLD.status, OLD.published_at) IS NOT (NEW.column_id, NEW.status, NEW.published_at) BEGIN
  INSERT INTO content_changes (scope) VALUES ('list:column:' || (SELECT slug FROM columns WHERE id = OLD.column_id)),
    ('list:column:' || (SELECT slug FROM columns WHERE id = NEW.column_id));
  INSERT INTO content_changes (scope)
    SELECT 'list:tag:' || t.slug FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = NEW.id;
END;
CREATE TRIGGER article_tags_list_scope_insert AFTER INSERT ON article_tags
  WHEN (SELECT enabled FROM change_capture) BEGIN
  INSERT INTO content_changes (scope) VALUES ('list:tag:' || (SELECT slug FROM tags WHERE id = NEW.tag_id));
END;
CREATE TRIGGER article_tags_list_scope_delete AFTER DELETE ON article_tags
  WHEN (SELECT enabled FROM change_capture) BEGIN
  INSERT INTO content_changes (scope) VALUES ('list:tag:' || (SELECT slug FROM tags WHERE id = OLD.tag_id));
END;
-- An author's box under their articles (photo, links): article pages depend
-- on profile:author:<slug>, not on author:<slug>, which every edit of one of
-- the author's articles announces for the author's listings.
CREATE TRIGGER authors_profile_scope AFTER UPDATE OF email, links, photo_id ON authors
  WHEN (OLD.email, OLD.links, OLD.photo_id) IS NOT (NEW.email, NEW.links, NEW.photo_id) BEGIN
  INSERT INTO content_changes (scope) VALUES ('profile:author:' || NEW.slug);
END;
