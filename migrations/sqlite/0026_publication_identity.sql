-- The publication's own identity, set in the admin: a logo (shown in the
-- header and as the publisher's logo to search engines), an icon (the
-- browser tab, a phone's home screen), both uploads; a theme colour.
ALTER TABLE publication ADD COLUMN logo_id TEXT;
ALTER TABLE publication ADD COLUMN icon_id TEXT;
ALTER TABLE publication ADD COLUMN theme_color TEXT NOT NULL DEFAULT '';
