-- As migrations/sqlite/0029_list_scopes.sql: which articles a column's or a
-- tag's newest list holds (list:column:<slug>, list:tag:<slug>) is its own
-- scope, for the article pages that show those lists.
CREATE FUNCTION article_list_scopes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT capturing() THEN RETURN NULL; END IF;
  IF TG_OP = 'DELETE' THEN
    PERFORM note_change('list:column:' || (SELECT slug FROM columns WHERE id = OLD.column_id));
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM note_change('list:column:' || (SELECT slug FROM columns WHERE id = NEW.column_id));
  ELSIF (OLD.column_id, OLD.status, OLD.published_at) IS DISTINCT FROM (NEW.column_id, NEW.status, NEW.published_at) THEN
    PERFORM note_change('list:column:' || (SELECT slug FROM columns WHERE id = OLD.column_id));
    PERFORM note_change('list:column:' || (SELECT slug FROM columns WHERE id = NEW.column_id));
    INSERT INTO content_changes (scope)
      SELECT 'list:tag:' || t.slug FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER articles_list_scope AFTER INSERT OR UPDATE OR DELETE ON articles FOR EACH ROW
  EXECUTE FUNCTION article_list_scopes();

CREATE FUNCTION article_tag_list_scopes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT capturing() THEN RETURN NULL; END IF;
  PERFORM note_change('list:tag:' || (SELECT slug FROM tags WHERE id =
    (CASE WHEN TG_OP = 'DELETE' THEN OLD.tag_id ELSE NEW.tag_id END)));
  RETURN NULL;
END $$;
CREATE TRIGGER article_tags_list_scope AFTER INSERT OR DELETE ON article_tags FOR EACH ROW
  EXECUTE FUNCTION article_tag_list_scopes();

-- An author's box under their articles (photo, links): profile:author:<slug>.
CREATE FUNCTION author_profile_scopes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.email, OLD.links, OLD.photo_id) IS DISTINCT FROM (NEW.email, NEW.links, NEW.photo_id) THEN
    PERFORM note_change('profile:author:' || NEW.slug);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER authors_profile_scope AFTER UPDATE ON authors FOR EACH ROW EXECUTE FUNCTION author_profile_scopes();
