"""newsdesk migrate-db: a whole site from SQLite to PostgreSQL and back.

Needs a PostgreSQL server (NEWSDESK_TEST_PG_URL: the suite's run on PostgreSQL,
tests/with-postgres); skipped in the SQLite-only run.
"""
import filecmp
import os
import shutil
import tempfile
import time
import unittest

from admin_client import AdminClient, api
from harness import (Server, article, connect_db, drop_database, load_seed, media_env, new_database_url,
                     on_postgres, run_cli)
from test_export import tree
from test_pictures import HAVE_TOOLS, make_jpeg


@unittest.skipUnless(on_postgres(), "needs a PostgreSQL server (run under tests/with-postgres)")
@unittest.skipUnless(HAVE_TOOLS, "needs vips (scripts/bootstrap)")
class MigrateDbTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="newsdesk-migrate-")
        self.pg = new_database_url()

    def tearDown(self):
        drop_database(self.pg)
        shutil.rmtree(self.dir, ignore_errors=True)
        shutil.rmtree(media_env(self.pg)["NEWSDESK_MEDIA_DIR"], ignore_errors=True)

    def sqlite_site(self):
        """A SQLite site with a bit of everything: articles, a page, a redirect,
        an editor, a token, a subscriber, revisions and an uploaded image."""
        db = os.path.join(self.dir, "site.db")
        self.assertEqual(run_cli(db, "init").returncode, 0)
        seed = load_seed()
        seed["pages"] = [{"slug": "about", "title": "About us", "body": "Who we are."}]
        seed["redirects"] = [{"from": "/2016/old-url", "to": "/articles/" + seed["articles"][0]["slug"]}]
        os.makedirs(os.path.join(self.dir, "images"))
        make_jpeg(os.path.join(self.dir, "images", "lead.jpg"), 1600, 900)
        seed["articles"][0]["image"] = {"src": "images/lead.jpg", "alt": "The lead"}
        path = os.path.join(self.dir, "seed.json")
        with open(path, "w", encoding="utf-8") as f:
            import json
            json.dump(seed, f)
        r = run_cli(db, "import", path)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = run_cli(db, "user", "add", "--email", "ed@example.com", "--name", "Ed", "--role", "admin",
                    stdin="a long enough password\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        token = run_cli(db, "token", "create", "--name", "wire", "--role", "editor").stdout.strip()
        with connect_db(db) as c:
            c.execute("INSERT INTO subscribers (email, created_at) VALUES ('Reader@Example.com', 1)")
        return db, token

    def export(self, db, name):
        out = os.path.join(self.dir, name)
        r = run_cli(db, "export-static", "--out", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        return out

    def assertSameExports(self, a, b):
        self.assertEqual(tree(a), tree(b))
        for f in tree(a):
            if f.endswith(".newsdesk-export.json"):
                continue
            if not filecmp.cmp(os.path.join(a, f), os.path.join(b, f), shallow=False):
                with open(os.path.join(a, f), encoding="utf-8", errors="replace") as x, \
                        open(os.path.join(b, f), encoding="utf-8", errors="replace") as y:
                    self.assertEqual(x.read(), y.read(), f)

    def test_round_trip_gives_identical_exports(self):
        db, token = self.sqlite_site()
        # An edit through the desk (a revision) and an uploaded image, served by a real server.
        server = Server(db=db).start()
        try:
            slug = load_seed()["articles"][0]["slug"]
            status, _, body = api(server, "PATCH", "/api/admin/articles/" + slug, token, {"title": "Edited once"})
            self.assertEqual(status, 200, body)
        finally:
            server.close()
        before = self.export(db, "before")

        pg_media = media_env(self.pg)["NEWSDESK_MEDIA_DIR"]
        r = run_cli(db, "migrate-db", "--to", self.pg, "--other-media-dir", pg_media)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("counts and checksums verified", r.stdout)
        self.assertIn("images: 1 copied", r.stdout)
        self.assertRegex(r.stdout, r"articles\s+\d+ rows")
        on_pg = self.export(self.pg, "on-postgres")
        self.assertSameExports(before, on_pg)

        # The PostgreSQL site works as the SQLite one did: sign-in data, tokens, search.
        server = Server(db=self.pg).start()
        try:
            self.assertEqual(api(server, "GET", "/api/admin/articles", token)[0], 200)
            status, _, page = server.get("/search?q=edited")
            self.assertEqual(status, 200)
            self.assertIn("Edited once", page)
            status, _, _ = server.get("/2016/old-url")
            self.assertEqual(status, 301)
            # New rows continue after the copied ids.
            when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60))
            status, _, body = api(server, "POST", "/api/admin/articles", token, article("after-the-move", when))
            self.assertEqual(status, 201, body)
        finally:
            server.close()

        back = os.path.join(self.dir, "back.db")
        r = run_cli(back, "migrate-db", "--from", self.pg, "--other-media-dir", pg_media)
        self.assertEqual(r.returncode, 0, r.stderr)
        after = self.export(back, "back")
        on_pg_again = self.export(self.pg, "on-postgres-again")
        self.assertSameExports(on_pg_again, after)
        with connect_db(back) as c:
            self.assertEqual(c.execute("SELECT email FROM subscribers").fetchall(), [("Reader@Example.com",)])

    def test_a_database_with_a_site_is_not_overwritten(self):
        db, _ = self.sqlite_site()
        pg_media = media_env(self.pg)["NEWSDESK_MEDIA_DIR"]
        self.assertEqual(run_cli(db, "migrate-db", "--to", self.pg, "--other-media-dir", pg_media).returncode, 0)
        r = run_cli(db, "migrate-db", "--to", self.pg, "--other-media-dir", pg_media)
        self.assertEqual(r.returncode, 1)
        self.assertIn("publication", r.stderr)
        self.assertIn("empty database", r.stderr)


if __name__ == "__main__":
    unittest.main()
