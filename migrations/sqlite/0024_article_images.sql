-- An article's featured image (articles.image_id, 0023) with what this article
-- says of it; empty is the image's own alt text, caption and credit.
ALTER TABLE articles ADD COLUMN image_alt TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN image_caption TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN image_credit TEXT NOT NULL DEFAULT '';
-- "Where is this image used" and "may it be deleted" without reading every article.
CREATE INDEX articles_by_image ON articles (image_id) WHERE image_id IS NOT NULL;
CREATE INDEX authors_by_photo ON authors (photo_id) WHERE photo_id IS NOT NULL;

-- Uploaded images an article's body shows (![alt](/media/<id>.jpg)), kept at
-- every save so "where is it used" and "may it be deleted" see them too.
CREATE TABLE article_media (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  media_id   TEXT NOT NULL,
  PRIMARY KEY (article_id, media_id)
) WITHOUT ROWID;
CREATE INDEX article_media_by_media ON article_media (media_id);

-- An image's alt text, caption, credit or focal point shows on cached pages.
CREATE TRIGGER media_changed_update AFTER UPDATE ON media BEGIN UPDATE content_version SET value = value + 1; END;
CREATE TRIGGER media_changed_delete AFTER DELETE ON media BEGIN UPDATE content_version SET value = value + 1; END;

-- Cached pages that show what changed (content_changes, 0013): the featured
-- image of an article shows on its page, its listings and feeds.
CREATE TRIGGER articles_scope_update_image AFTER UPDATE OF image_id, image_alt, image_caption, image_credit
  ON articles
  WHEN (SELECT enabled FROM change_capture) AND
       (OLD.image_id, OLD.image_alt, OLD.image_caption, OLD.image_credit) IS NOT
       (NEW.image_id, NEW.image_alt, NEW.image_caption, NEW.image_credit) BEGIN
  INSERT INTO content_changes (scope) VALUES ('article:' || NEW.slug), ('home'),
    ('column:' || (SELECT slug FROM columns WHERE id = NEW.column_id));
  INSERT INTO content_changes (scope)
    SELECT 'author:' || au.slug FROM article_authors aa JOIN authors au ON au.id = aa.author_id
    WHERE aa.article_id = NEW.id;
  INSERT INTO content_changes (scope)
    SELECT 'tag:' || t.slug FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = NEW.id;
END;
-- An image's words or focal point: wherever it is shown (rare enough for everything).
CREATE TRIGGER media_scope_update AFTER UPDATE ON media
  WHEN (OLD.alt, OLD.caption, OLD.credit, OLD.focal_x, OLD.focal_y) IS NOT
       (NEW.alt, NEW.caption, NEW.credit, NEW.focal_x, NEW.focal_y) BEGIN
  INSERT INTO content_changes (scope) VALUES ('*');
END;
-- The profile fields of 0019 and 0023, which 0013's triggers predate: an
-- author's email, links and photo (their page), a tag's description (its
-- page), the columns' navigation order (every page).
CREATE TRIGGER authors_scope_update_profile AFTER UPDATE OF email, links, photo_id ON authors
  WHEN (OLD.email, OLD.links, OLD.photo_id) IS NOT (NEW.email, NEW.links, NEW.photo_id) BEGIN
  INSERT INTO content_changes (scope) VALUES ('author:' || NEW.slug);
END;
CREATE TRIGGER tags_scope_update_description AFTER UPDATE OF description ON tags
  WHEN OLD.description IS NOT NEW.description BEGIN
  INSERT INTO content_changes (scope) VALUES ('tag:' || NEW.slug);
END;
CREATE TRIGGER columns_scope_update_position AFTER UPDATE OF position ON columns
  WHEN OLD.position IS NOT NEW.position BEGIN
  INSERT INTO content_changes (scope) VALUES ('*');
END;
-- Image files are cached like pages (scope media:<id>): a new upload or a
-- deleted one drops whatever was kept under its id (a 404 asked too early).
CREATE TRIGGER media_scope_insert AFTER INSERT ON media BEGIN
  INSERT INTO content_changes (scope) VALUES ('media:' || NEW.id);
END;
CREATE TRIGGER media_scope_delete AFTER DELETE ON media BEGIN
  INSERT INTO content_changes (scope) VALUES ('media:' || OLD.id);
END;
