-- Whether a new article written at the desk in this column is sent as a
-- newsletter unless the editor says otherwise ("send as newsletter").
ALTER TABLE columns ADD COLUMN send_newsletter INTEGER NOT NULL DEFAULT 1;
