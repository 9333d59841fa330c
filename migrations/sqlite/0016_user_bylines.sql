-- An account is linked to the author profile that is its byline: contributors
-- and authors edit only articles that carry it (desk/article_desk.h).
ALTER TABLE users ADD COLUMN author_slug TEXT;
