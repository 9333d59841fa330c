-- Authors' profiles, the columns' navigation order and tags' descriptions,
-- as the admin manages them (admin/taxonomy_pages.cpp) and bundles carry them.
ALTER TABLE authors ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE authors ADD COLUMN links TEXT NOT NULL DEFAULT '[]';  -- a JSON array of http(s) URLs
ALTER TABLE columns ADD COLUMN position INTEGER NOT NULL DEFAULT 0;  -- navigation order, then by name
ALTER TABLE tags ADD COLUMN description TEXT NOT NULL DEFAULT '';
