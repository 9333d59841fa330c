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
