"""export-static: the public site as files, served by a plain file server."""
import functools
import http.server
import os
import shutil
import tempfile
import threading
import unittest
import urllib.request

import feedparser

from harness import Server, load_seed, run_cli
from test_site import extra_bundle, titles


class ExportStaticTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server([load_seed(), extra_bundle()]).start()
        cls.out = tempfile.mkdtemp(prefix="newsdesk-export-")
        r = run_cli(cls.server.db, "export-static", "--out", cls.out)
        assert r.returncode == 0, r.stderr
        cls.summary = r.stdout
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass
        handler = functools.partial(Quiet, directory=cls.out)
        cls.files = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=cls.files.serve_forever, daemon=True).start()

    @classmethod
    def tearDownClass(cls):
        cls.files.shutdown()
        cls.server.close()
        shutil.rmtree(cls.out, ignore_errors=True)

    def static(self, path):
        with urllib.request.urlopen("http://127.0.0.1:%d%s" % (self.files.server_address[1], path)) as r:
            return r.read().decode("utf-8")

    def test_files_at_the_same_paths(self):
        for f in ["index.html", "columns/back-channel/index.html", "columns/many/index.html",
                  "columns/many/page/2/index.html", "articles/escaped/index.html", "authors/laura-rozen/index.html",
                  "tags/syria/index.html", "feed.xml", "rss.xml", "columns/back-channel/feed.xml",
                  "columns/back-channel/rss.xml", "sitemap.xml", "news-sitemap.xml", "robots.txt",
                  "cookies/index.html", "newsletter/index.html", "assets/style.css", "404.html"]:
            self.assertTrue(os.path.isfile(os.path.join(self.out, f)), f)
        self.assertFalse(os.path.exists(os.path.join(self.out, "articles", "a-draft")))
        self.assertFalse(os.path.exists(os.path.join(self.out, "articles", "in-the-future")))
        self.assertRegex(self.summary, r"wrote \d+ files")

    def test_pages_match_the_live_site(self):
        live = self.server.get("/columns/back-channel")[2]
        self.assertEqual(self.static("/columns/back-channel/"), live)
        self.assertEqual(self.static("/articles/escaped/"), self.server.get("/articles/escaped")[2])

    def test_pagination_links_work_without_query_strings(self):
        page1 = self.static("/columns/many/")
        self.assertIn('href="/columns/many/page/2/"', page1)
        page2 = self.static("/columns/many/page/2/")
        self.assertEqual(titles(page2), titles(self.server.get("/columns/many?page=2")[2]))
        self.assertIn('href="/columns/many"', page2)
        self.assertEqual(self.server.get("/columns/many/page/2")[0], 200)  # the live site knows the form too
        self.assertEqual(self.server.get("/columns/many/page/1")[0], 404)  # page 1 has one address

    def test_feeds_parse(self):
        f = feedparser.parse(self.static("/columns/back-channel/feed.xml"))
        self.assertFalse(f.bozo)
        self.assertEqual(len(f.entries), 6)

    def test_export_into_a_bad_place_fails_cleanly(self):
        r = run_cli(self.server.db, "export-static", "--out", "/proc/newsdesk-cannot-write-here")
        self.assertEqual(r.returncode, 1)
        self.assertIn("export", r.stderr)


if __name__ == "__main__":
    unittest.main()
