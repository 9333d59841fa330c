-- Settings admins change at /admin/settings beyond the bundle's first ones:
-- where the cookie notice's "Learn more" leads, and the sender of every email.
ALTER TABLE publication ADD COLUMN cookie_policy_url TEXT NOT NULL DEFAULT '/cookies';
ALTER TABLE publication ADD COLUMN mail_from TEXT NOT NULL DEFAULT '';
