-- Listings at archive scale: every listing page is found by an index seek plus
-- an index-only OFFSET, never a sort of all matching articles.
-- Author and tag listings read the link tables, which now carry what a listing
-- filters and orders on (kept by triggers below).
ALTER TABLE article_authors ADD COLUMN published_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE article_authors ADD COLUMN public INTEGER NOT NULL DEFAULT 0;  -- status published or scheduled
ALTER TABLE article_tags ADD COLUMN published_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE article_tags ADD COLUMN public INTEGER NOT NULL DEFAULT 0;

UPDATE article_authors SET
  published_at = (SELECT published_at FROM articles WHERE id = article_id),
  public = (SELECT status IN ('published', 'scheduled') FROM articles WHERE id = article_id);
UPDATE article_tags SET
  published_at = (SELECT published_at FROM articles WHERE id = article_id),
  public = (SELECT status IN ('published', 'scheduled') FROM articles WHERE id = article_id);

CREATE INDEX article_authors_listing ON article_authors (author_id, public, published_at DESC, article_id DESC);
CREATE INDEX article_tags_listing ON article_tags (tag_id, public, published_at DESC, article_id DESC);

CREATE TRIGGER article_authors_listing_fill AFTER INSERT ON article_authors BEGIN
  UPDATE article_authors SET
    published_at = (SELECT published_at FROM articles WHERE id = NEW.article_id),
    public = (SELECT status IN ('published', 'scheduled') FROM articles WHERE id = NEW.article_id)
  WHERE article_id = NEW.article_id AND author_id = NEW.author_id;
END;
CREATE TRIGGER article_tags_listing_fill AFTER INSERT ON article_tags BEGIN
  UPDATE article_tags SET
    published_at = (SELECT published_at FROM articles WHERE id = NEW.article_id),
    public = (SELECT status IN ('published', 'scheduled') FROM articles WHERE id = NEW.article_id)
  WHERE article_id = NEW.article_id AND tag_id = NEW.tag_id;
END;
CREATE TRIGGER articles_listing_follow AFTER UPDATE OF published_at, status ON articles BEGIN
  UPDATE article_authors SET published_at = NEW.published_at, public = NEW.status IN ('published', 'scheduled')
  WHERE article_id = NEW.id;
  UPDATE article_tags SET published_at = NEW.published_at, public = NEW.status IN ('published', 'scheduled')
  WHERE article_id = NEW.id;
END;

-- Ties on published_at are broken by id, in the index too.
DROP INDEX articles_by_time;
CREATE INDEX articles_by_time ON articles (published_at DESC, id DESC, status);
DROP INDEX articles_by_column;
CREATE INDEX articles_by_column ON articles (column_id, published_at DESC, id DESC, status);
