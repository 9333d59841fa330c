-- json_each(?) carries the ids or slugs of one page (20 or so), but inlined
-- it was planned as json_array_elements_text, which PostgreSQL guesses at
-- 100 rows: joined to article_authors or article_tags, that made a hash join
-- over the whole table look cheaper than 20 index lookups (2.6 ms instead of
-- 0.4 ms for a listing page's bylines at 10,000 articles). The SET clause
-- keeps the function from being inlined, so its own estimate (ROWS 20) is used.
CREATE OR REPLACE FUNCTION json_each(doc text) RETURNS TABLE (value text)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE ROWS 20 SET search_path = pg_catalog
  AS $$ SELECT json_array_elements_text(doc::json) $$;
