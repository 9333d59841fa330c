-- Bodies are Markdown unless imported as HTML (WordPress); HTML is sanitised
-- when rendered (render/html_sanitizer.cpp).
ALTER TABLE articles ADD COLUMN body_format TEXT NOT NULL DEFAULT 'markdown'
  CHECK (body_format IN ('markdown', 'html'));
CREATE TRIGGER articles_changed_format AFTER UPDATE OF body_format ON articles
  BEGIN UPDATE content_version SET value = value + 1; END;
