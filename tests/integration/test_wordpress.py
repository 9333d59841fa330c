"""WordPress's Theme Unit Test data imported, served, and safe."""
import os
import re
import unittest

import feedparser

from harness import ROOT, Server, run_cli

FIXTURE = os.path.join(ROOT, "..", "shared", "fixtures", "wordpress", "themeunittestdata.wordpress.xml")


@unittest.skipUnless(os.path.exists(FIXTURE), "shared/fixtures is not beside this checkout")
class WordPressImportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server([FIXTURE]).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_posts_are_served_with_their_markup_made_safe(self):
        status, _, body = self.server.get("/articles/markup-html-tags-and-formatting")
        self.assertEqual(status, 200)
        article = body.split('<div class="article-body">')[1].split("</div>\n")[0]
        self.assertIn("<h2>Header one</h2>", article)
        # wpautop puts a paragraph inside a blockquote, as WordPress shows it.
        self.assertIn("<blockquote><p>Stay hungry. Stay foolish.</p></blockquote>", article)
        self.assertIn("<table>", article)
        for bad in ["<script", "onerror", "javascript:", "<iframe", "style="]:
            self.assertNotIn(bad, article.lower())

    def test_listings_feeds_and_visibility(self):
        status, _, home = self.server.get("/")
        self.assertEqual(status, 200)
        self.assertEqual(len(re.findall(r'class="listing-item[" ]', home)), 20)  # the lead story too
        self.assertEqual(self.server.get("/articles/template-password-protected")[0], 404)
        f = feedparser.parse(self.server.get("/feed.xml")[2])
        self.assertFalse(f.bozo)
        self.assertEqual(len(f.entries), 20)
        # A category is a column where it is a post's first (primary) one, else a tag;
        # its old archive leads to whichever it became.
        status, headers, _ = self.server.get("/category/markup/")
        self.assertEqual(status, 301)
        self.assertIn(headers["location"], ["/columns/markup", "/tags/markup"])
        self.assertEqual(self.server.get(headers["location"])[0], 200)

    def test_a_broken_export_stores_nothing(self):
        with open(FIXTURE, encoding="utf-8") as f:
            text = f.read()
        broken = os.path.join(self.server.dir, "broken.xml")
        with open(broken, "w", encoding="utf-8") as f:
            f.write(text[: len(text) // 2])
        r = run_cli(self.server.db, "import", broken)
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stderr, r"broken\.xml:\d+: ")


if __name__ == "__main__":
    unittest.main()
