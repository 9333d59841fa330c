-- Listings filter on status and published_at and count their matches for the page
-- numbers: with status in the index, both are answered from the index alone.
DROP INDEX articles_by_time;
CREATE INDEX articles_by_time ON articles (published_at DESC, status);
DROP INDEX articles_by_column;
CREATE INDEX articles_by_column ON articles (column_id, published_at DESC, status);
