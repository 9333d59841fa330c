"""export-static: the public site as files, served by a plain file server."""
import filecmp
import functools
import http.server
import json
import os
import shutil
import subprocess
import tempfile
import threading
import unittest
import urllib.request

import feedparser

from harness import BIN, Server, article, load_seed, run_cli, run_on_terminal
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


def tree(folder):
    """Every file below `folder` (but the export's manifest), relative."""
    out = set()
    for dirpath, _, names in os.walk(folder):
        for n in names:
            rel = os.path.relpath(os.path.join(dirpath, n), folder)
            if rel != ".newsdesk-export.json":
                out.add(rel)
    return out


class IncrementalExportTest(unittest.TestCase):
    """export-static --incremental rewrites what changed, and equals a whole export."""

    def setUp(self):
        b = load_seed()
        b["columns"].append({"slug": "pulse", "name": "Pulse", "title": "Israel Pulse", "description": ""})
        b["authors"].append({"slug": "ben-caspit", "name": "Ben Caspit", "bio": "Writes from Tel Aviv."})
        for i in range(30):
            b["articles"].append(article("pulse-%02d" % i, "2017-03-%02dT12:00:00Z" % (i + 1), column="pulse",
                                         authors=("ben-caspit",), tags=("israel",)))
        self.server = Server([b]).start()
        token = run_cli(self.server.db, "token", "create", "--name", "e", "--role", "editor").stdout.strip()
        self.api = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
        self.out = tempfile.mkdtemp(prefix="newsdesk-incremental-")
        self.whole = tempfile.mkdtemp(prefix="newsdesk-whole-")

    def tearDown(self):
        self.server.close()
        shutil.rmtree(self.out, ignore_errors=True)
        shutil.rmtree(self.whole, ignore_errors=True)

    def export(self, folder, *flags):
        r = run_cli(self.server.db, "export-static", "--out", folder, *flags)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout

    def assert_same_as_a_whole_export(self):
        shutil.rmtree(self.whole)
        self.export(self.whole)
        self.assertEqual(tree(self.out), tree(self.whole))
        for f in sorted(tree(self.out)):
            self.assertTrue(filecmp.cmp(os.path.join(self.out, f), os.path.join(self.whole, f), shallow=False), f)

    def stamp(self, path):
        return os.stat(os.path.join(self.out, path)).st_mtime_ns

    def patch(self, slug, fields):
        status, _, body = self.server.request("PATCH", "/api/admin/articles/" + slug, body=json.dumps(fields),
                                              headers=self.api)
        self.assertEqual(status, 200, body)

    def test_only_what_changed_is_written_and_the_result_equals_a_whole_export(self):
        first = self.export(self.out, "--incremental")
        self.assertIn("everything: no earlier export here", first)
        # JSON Lines: a header, a line a page, and a last line saying it is whole.
        with open(os.path.join(self.out, ".newsdesk-export.json"), encoding="utf-8") as f:
            lines = [json.loads(line) for line in f]
        self.assertEqual(lines[0]["format"], 2)
        self.assertEqual(lines[-1], {"end": True})
        pages = {line["url"]: line for line in lines[1:-1]}
        scopes = pages["/articles/pulse-03"]["scopes"]
        # Its boxes: which articles the column's and tag's lists hold, and those shown.
        self.assertIn("list:tag:israel", scopes)
        self.assertIn("list:column:pulse", scopes)
        self.assertIn("article:pulse-29", scopes)
        again = self.export(self.out, "--incremental")
        self.assertRegex(again, r"wrote 0 files .* unchanged, 0 removed \(incremental\)")

        back_channel = "articles/shaky-cease-fire-starts-in-syria/index.html"
        unrelated = self.stamp(back_channel)
        edited_before = self.stamp("articles/pulse-03/index.html")
        # pulse-10's boxes show the column's and the tag's newest, not pulse-03.
        same_column = self.stamp("articles/pulse-10/index.html")
        listing_it = self.stamp("articles/pulse-29/index.html")
        # An edit: its page, its column's, tag's and author's listings, the home
        # pages, feeds and sitemaps, and the article pages that list it.
        self.patch("pulse-03", {"title": "Edited headline"})
        out = self.export(self.out, "--incremental")
        self.assertIn("(incremental)", out)
        self.assertNotEqual(self.stamp("articles/pulse-03/index.html"), edited_before)
        self.assertEqual(self.stamp(back_channel), unrelated)
        self.assertEqual(self.stamp("articles/pulse-10/index.html"), same_column)
        self.assertEqual(self.stamp("articles/pulse-29/index.html"), listing_it)
        # An edit of an article the boxes show redoes the pages showing it.
        self.patch("pulse-29", {"title": "Newest edited"})
        self.export(self.out, "--incremental")
        self.assertNotEqual(self.stamp("articles/pulse-10/index.html"), same_column)
        with open(os.path.join(self.out, "articles/pulse-10/index.html"), encoding="utf-8") as f:
            self.assertIn("Newest edited", f.read())
        self.assert_same_as_a_whole_export()
        self.assert_same_as_a_whole_export()

        # Unpublished, then deleted: its page goes, listings grow shorter.
        self.patch("pulse-29", {"status": "draft"})
        out = self.export(self.out, "--incremental")
        self.assertRegex(out, r"[1-9]\d* removed \(incremental\)")
        self.assertFalse(os.path.exists(os.path.join(self.out, "articles/pulse-29")))
        self.assert_same_as_a_whole_export()
        self.assertEqual(self.server.request("DELETE", "/api/admin/articles/pulse-28", headers=self.api)[0], 204)
        self.export(self.out, "--incremental")
        self.assert_same_as_a_whole_export()

        # A new article, made by another process (an import): its page appears.
        self.server.import_bundle({"newsdesk_bundle": 1, "articles": [
            article("pulse-new", "2017-04-15T12:00:00Z", column="pulse", authors=("ben-caspit",),
                    tags=("israel",))]})
        self.export(self.out, "--incremental")
        self.assertTrue(os.path.isfile(os.path.join(self.out, "articles/pulse-new/index.html")))
        self.assert_same_as_a_whole_export()

    def test_a_theme_change_or_a_missing_manifest_exports_everything(self):
        self.export(self.out)
        os.remove(os.path.join(self.out, ".newsdesk-export.json"))
        self.assertIn("everything: no earlier export here", self.export(self.out, "--incremental"))
        # A manifest cut short (its last line, which says it is whole, missing) is none.
        manifest = os.path.join(self.out, ".newsdesk-export.json")
        with open(manifest, encoding="utf-8") as f:
            lines = f.readlines()
        with open(manifest, "w", encoding="utf-8") as f:
            f.writelines(lines[:-1])
        self.assertIn("everything: no earlier export here", self.export(self.out, "--incremental"))
        self.assertFalse(os.path.exists(manifest + ".new"))
        theme = tempfile.mkdtemp(prefix="newsdesk-theme-")
        try:
            os.makedirs(os.path.join(theme, "assets"))
            with open(os.path.join(theme, "assets", "site.css"), "w") as f:
                f.write("body { color: #123; }\n")
            r = run_cli(self.server.db, "export-static", "--out", self.out, "--incremental", "--theme", theme)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("everything: the theme changed", r.stdout)
        finally:
            shutil.rmtree(theme)

    def test_progress_on_a_terminal_and_one_line_in_a_pipe(self):
        r = subprocess.run([BIN, "--db", self.server.db, "export-static", "--out", self.out], capture_output=True,
                           text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("\r", r.stderr)  # no progress drawn into a pipe (the log's lines only)
        self.assertNotIn("pages", r.stderr)
        self.assertRegex(r.stdout, r"^wrote \d+ files to .* in [0-9.]+ s\n$")
        code, out, text = run_on_terminal([BIN, "--db", self.server.db, "export-static", "--out", self.whole])
        self.assertEqual(code, 0)
        self.assertRegex(text, r"\r.*%.* pages")
        self.assertIn(b"wrote", out)

    def test_a_renamed_column_changes_every_page(self):
        self.export(self.out)
        r = run_cli(self.server.db, "export-static", "--out", self.out, "--incremental")
        self.assertIn("(incremental)", r.stdout)
        status, _, body = self.server.request("PATCH", "/api/admin/columns/pulse", body=json.dumps({"name": "Pulso"}),
                                              headers=self.api)
        self.assertEqual(status, 200, body)
        self.assertIn("everything: a change to the whole site", self.export(self.out, "--incremental"))
        self.assert_same_as_a_whole_export()


if __name__ == "__main__":
    unittest.main()
