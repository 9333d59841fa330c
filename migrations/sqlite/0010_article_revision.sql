-- Every save of an article moves its revision; a save names the revision it was
-- based on and is refused when another save came first (API If-Match -> 412).
ALTER TABLE articles ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
