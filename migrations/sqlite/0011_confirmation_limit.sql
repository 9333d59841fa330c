-- At most a few confirmation emails per address per day, however many client
-- addresses ask: the window's start and how many were sent in it.
ALTER TABLE subscribers ADD COLUMN confirm_window_start INTEGER;
ALTER TABLE subscribers ADD COLUMN confirm_window_count INTEGER NOT NULL DEFAULT 0;
