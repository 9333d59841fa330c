-- Bytes 0x02 and 0x03 mark the matches in search snippets; text that carried
-- them (imported before input was cleaned of control characters) confused the
-- highlighting. Input is cleaned now; this cleans what is stored.
UPDATE articles SET
  title = replace(replace(title, char(2), ''), char(3), ''),
  summary = replace(replace(summary, char(2), ''), char(3), ''),
  body = replace(replace(body, char(2), ''), char(3), '')
WHERE instr(title || summary || body, char(2)) > 0 OR instr(title || summary || body, char(3)) > 0;
