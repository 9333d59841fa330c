"""Feeds, sitemaps, structured data and search, checked by real parsers."""
import calendar
import html
import json
import re
import time
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

import feedparser

from harness import Server, article, load_seed

BASE = "http://127.0.0.1:8080"
NOW = time.time()


def iso(ts):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def bundle():
    b = {"newsdesk_bundle": 1,
         "authors": [{"slug": "ben-caspit", "name": "Ben Caspit", "bio": ""}],
         "columns": [{"slug": "pulse", "name": "Pulse", "title": "Israel Pulse", "description": "From Israel"}],
         "articles": [
             article("markup-title", iso(NOW - 3600), title="<b>Bold</b> & \"quoted\" <script>x</script>",
                     column="pulse", authors=("ben-caspit", "laura-rozen"), tags=("markup",),
                     summary="Summary with <i>tags</i> & ampersands", body="Body with **bold** and a [link](/x)."),
             article("title-match", iso(NOW - 7200), title="Zanzibar negotiations resume", column="pulse",
                     body="Nothing special here."),
             article("body-match", iso(NOW - 1800), title="Another story", column="pulse",
                     body="Long text. " * 30 + "It mentions zanzibar only once, deep in the body."),
             article("draft-one", iso(NOW - 100), status="draft", column="pulse", title="Zanzibar draft"),
             article("scheduled-one", iso(NOW + 86400 * 30), status="scheduled", column="pulse",
                     title="Zanzibar later"),
         ]}
    for i in range(23):
        b["articles"].append(article("bulk-%02d" % i, "2015-01-%02dT12:00:00Z" % (i + 1), column="pulse",
                                     title="Bulk story %d about quinoa" % i))
    return b


FEEDS = ["/feed.xml", "/rss.xml", "/columns/back-channel/feed.xml", "/columns/back-channel/rss.xml",
         "/columns/pulse/feed.xml", "/columns/pulse/rss.xml", "/authors/laura-rozen/feed.xml",
         "/authors/ben-caspit/feed.xml", "/tags/syria/feed.xml", "/tags/markup/feed.xml"]

HOSTILE = ['"', '""', '"unbalanced', "(", ")", "((a)", "a AND", "OR", "NOT", "AND OR NOT", "NEAR(", "NEAR(a b",
           "*", "**", "a*b*", "^", "-", "+", ":", "title:", "title:x", "{a b}", "a:b:c", "'", "';--",
           "' OR 1=1 --", "\\", "%", "%00", "\x00", "<script>alert(1)</script>", "\u202e\u0000\ufffd",
           "syria\" OR \"", "col:(", "x" * 10240, ("(\"" * 300), "\U0001F600", "🙂 syria", "NEAR/3",
           "a NEAR/2 b", "\"\" *", "@#$%^&*()", " ", "\t\n"]


class DiscoveryTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server([load_seed(), bundle()]).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def fetch(self, path, headers=None):
        status, h, body = self.server.get(path, headers)
        self.assertEqual(status, 200, path)
        return h, body

    def test_every_feed_parses_cleanly(self):
        for path in FEEDS:
            with self.subTest(feed=path):
                headers, body = self.fetch(path)
                kind = "atom" if path.endswith("feed.xml") else "rss"
                self.assertIn("application/%s+xml" % kind, headers["content-type"])
                f = feedparser.parse(body)
                self.assertFalse(f.bozo, getattr(f, "bozo_exception", None))
                self.assertEqual(f.version, "atom10" if kind == "atom" else "rss20")
                self.assertTrue(f.entries)
                self.assertLessEqual(len(f.entries), 20)
                dates = [calendar.timegm(e.published_parsed) for e in f.entries]
                self.assertEqual(dates, sorted(dates, reverse=True), "newest first")
                for e in f.entries:
                    self.assertTrue(e.link.startswith(BASE + "/articles/"), e.link)
                    self.assertTrue(e.get("author"))
                    self.assertTrue(e.get("summary") is not None)
                    self.assertLess(calendar.timegm(e.published_parsed), NOW + 60, "no future entries")
                    self.assertNotIn("draft", e.link)
                    self.assertNotIn("scheduled", e.link)
                    if kind == "atom":
                        self.assertTrue(e.content[0].value)

    def test_feed_dates_and_links_are_right(self):
        f = feedparser.parse(self.fetch("/columns/back-channel/feed.xml")[1])
        seed = load_seed()["articles"]
        self.assertEqual([e.link for e in f.entries], [BASE + "/articles/" + a["slug"] for a in seed])
        self.assertEqual(f.entries[0].published, "2016-09-28T14:00:00Z")
        self.assertEqual(f.entries[0].author_detail.href, BASE + "/authors/laura-rozen")
        self.assertEqual([t.term for t in f.entries[0].tags], ["syria", "russia", "united-states"])
        self.assertEqual(f.feed.link, BASE + "/columns/back-channel")
        r = feedparser.parse(self.fetch("/columns/back-channel/rss.xml")[1])
        self.assertEqual(r.entries[0].published, "Wed, 28 Sep 2016 14:00:00 +0000")
        self.assertEqual(r.entries[0].id, BASE + "/articles/" + seed[0]["slug"])
        self.assertEqual(len(f.entries), 6)
        self.assertEqual(len(feedparser.parse(self.fetch("/columns/pulse/feed.xml")[1]).entries), 20)

    def test_markup_in_titles_stays_text(self):
        title = '<b>Bold</b> & "quoted" <script>x</script>'
        atom = feedparser.parse(self.fetch("/tags/markup/feed.xml")[1])
        self.assertEqual(atom.entries[0].title_detail.type, "text/plain")
        self.assertEqual(atom.entries[0].title, title)
        self.assertEqual(atom.entries[0].summary, "Summary with <i>tags</i> & ampersands")
        self.assertIn("<strong>bold</strong>", atom.entries[0].content[0].value)
        self.assertEqual([a.name for a in atom.entries[0].authors], ["Ben Caspit", "Laura Rozen"])
        # RSS readers take <title> and <description> as HTML: the text is escaped
        # as HTML and then as XML, so a reader shows the characters, not markup.
        rss_body = self.fetch("/columns/pulse/rss.xml")[1]
        self.assertIn("<title>&amp;lt;b&amp;gt;Bold&amp;lt;/b&amp;gt; &amp;amp; &quot;quoted&quot; "
                      "&amp;lt;script&amp;gt;x&amp;lt;/script&amp;gt;</title>", rss_body)
        ET.fromstring(rss_body)
        rss = feedparser.parse(rss_body)
        item = [e for e in rss.entries if e.link.endswith("/articles/markup-title")][0]
        self.assertNotIn("<b>", item.title)
        self.assertIn("&lt;b&gt;Bold", item.title)  # as HTML: shows "<b>Bold"
        self.assertNotIn("<i>", item.summary)

    def test_conditional_get(self):
        headers, _ = self.fetch("/feed.xml")
        etag, last_modified = headers["etag"], headers["last-modified"]
        status, h, body = self.server.get("/feed.xml", {"If-None-Match": etag})
        self.assertEqual((status, body), (304, ""))
        status, _, _ = self.server.get("/feed.xml", {"If-Modified-Since": last_modified})
        self.assertEqual(status, 304)
        status, _, _ = self.server.get("/feed.xml", {"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})
        self.assertEqual(status, 200)
        status, _, _ = self.server.get("/feed.xml", {"If-None-Match": '"other"'})
        self.assertEqual(status, 200)

    def public_slugs(self):
        b = bundle()
        return {a["slug"] for a in load_seed()["articles"] + b["articles"]} - {"draft-one", "scheduled-one"}

    def test_sitemap_has_every_public_page_and_nothing_else(self):
        headers, body = self.fetch("/sitemap.xml")
        self.assertIn("xml", headers["content-type"])
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        root = ET.fromstring(body)
        locs = {u.find("s:loc", ns).text: u.find("s:lastmod", ns).text for u in root.findall("s:url", ns)}
        articles = {l.rsplit("/", 1)[1] for l in locs if "/articles/" in l}
        self.assertEqual(articles, self.public_slugs())
        for page in ["/", "/columns/back-channel", "/columns/pulse", "/authors/laura-rozen", "/tags/syria"]:
            self.assertIn(BASE + page, locs)
        for lastmod in locs.values():
            self.assertRegex(lastmod, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertEqual(self.server.get("/sitemaps/1.xml")[0], 404)  # one file is enough here

    def test_news_sitemap_has_the_last_two_days(self):
        body = self.fetch("/news-sitemap.xml")[1]
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
              "n": "http://www.google.com/schemas/sitemap-news/0.9"}
        root = ET.fromstring(body)
        urls = root.findall("s:url", ns)
        slugs = {u.find("s:loc", ns).text.rsplit("/", 1)[1] for u in urls}
        self.assertEqual(slugs, {"markup-title", "title-match", "body-match"})
        for u in urls:
            self.assertEqual(u.find("n:news/n:publication/n:name", ns).text, "Al-Monitor")
            self.assertEqual(u.find("n:news/n:publication/n:language", ns).text, "en")
            self.assertTrue(u.find("n:news/n:publication_date", ns).text)
            self.assertTrue(u.find("n:news/n:title", ns).text)

    def test_index_pages_and_later_home_pages_have_titles(self):
        # CONTRACT.md: /columns/, /authors/, /tags/ list each with a link (issue #13, defect 5);
        # page 2 of home had an empty title (defect 4).
        for path, links in (("/columns/", ["/columns/back-channel", "/columns/pulse"]),
                            ("/authors/", ["/authors/laura-rozen", "/authors/ben-caspit"]),
                            ("/tags/", ["/tags/syria", "/tags/markup"]), ("/columns", ["/columns/pulse"])):
            body = self.fetch(path)[1]
            for link in links:
                self.assertIn('href="%s"' % link, body, path)
        body = self.fetch("/page/2")[1]
        self.assertIn("<title>Page 2 | Al-Monitor</title>", body)
        # Defect 4: every listing has a description; a 404 names no canonical address.
        for path in ("/", "/tags/syria", "/search", "/newsletter", "/columns/"):
            self.assertRegex(self.fetch(path)[1], r'<meta name="description" content="[^"]+">', path)
        status, _, body = self.server.get("/no-such-page")
        self.assertEqual(status, 404)
        self.assertNotIn('rel="canonical"', body)

    def test_robots_names_the_sitemap(self):
        _, body = self.fetch("/robots.txt")
        self.assertIn("Sitemap: %s/sitemap.xml" % BASE, body)

    def test_head_tags_on_every_page(self):
        pages = {"/": "/feed.xml", "/columns/back-channel": "/columns/back-channel/feed.xml",
                 "/authors/laura-rozen": "/authors/laura-rozen/feed.xml", "/tags/syria": "/tags/syria/feed.xml",
                 "/articles/markup-title": "/columns/pulse/feed.xml"}
        for path, feed in pages.items():
            with self.subTest(page=path):
                body = self.fetch(path)[1]
                self.assertIn('<link rel="canonical" href="%s%s">' % (BASE, path), body)
                self.assertIn('type="application/atom+xml"', body)
                self.assertIn('href="%s%s"' % (BASE, feed), body)
                self.assertIn('<meta property="og:title"', body)
                self.assertIn('<meta property="og:url" content="%s%s">' % (BASE, path), body)
                self.assertIn('<meta name="twitter:card" content="summary">', body)
        self.assertIn('href="%s/rss.xml"' % BASE, self.fetch("/")[1])

    def test_article_json_ld(self):
        body = self.fetch("/articles/markup-title")[1]
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
        self.assertEqual(len(blocks), 1)
        self.assertNotIn("<script>", blocks[0])
        data = json.loads(blocks[0])
        self.assertEqual(data["@type"], "NewsArticle")
        self.assertEqual(data["headline"], '<b>Bold</b> & "quoted" <script>x</script>')
        self.assertEqual(data["description"], "Summary with <i>tags</i> & ampersands")
        self.assertRegex(data["datePublished"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertTrue(data["dateModified"] >= data["datePublished"])
        self.assertEqual([(a["@type"], a["name"], a["url"]) for a in data["author"]],
                         [("Person", "Ben Caspit", BASE + "/authors/ben-caspit"),
                          ("Person", "Laura Rozen", BASE + "/authors/laura-rozen")])
        self.assertEqual(data["publisher"]["@type"], "Organization")
        self.assertEqual(data["publisher"]["name"], "Al-Monitor")
        self.assertEqual(data["mainEntityOfPage"]["@id"], BASE + "/articles/markup-title")
        self.assertIn('<meta property="og:type" content="article">', body)
        self.assertIn('<meta property="article:author" content="%s/authors/ben-caspit">' % BASE, body)

    def search(self, q, page=None):
        path = "/search?q=" + urllib.parse.quote(q)
        if page:
            path += "&page=%d" % page
        return self.server.get(path)

    def result_slugs(self, body):
        return re.findall(r'<h2 class="listing-title"><a href="/articles/([a-z0-9-]+)">', body)

    def test_search_ranks_title_matches_first(self):
        status, headers, body = self.search("zanzibar")
        self.assertEqual(status, 200)
        self.assertEqual(self.result_slugs(body), ["title-match", "body-match"])  # no draft, no scheduled
        self.assertIn("<mark>Zanzibar</mark>", body)
        self.assertIn("2 results for", body)

    def test_search_phrases_prefixes_and_paging(self):
        self.assertEqual(self.result_slugs(self.search('"negotiations resume"')[2]), ["title-match"])
        self.assertEqual(self.result_slugs(self.search('"resume negotiations"')[2]), [])
        self.assertEqual(self.result_slugs(self.search("zanzib*")[2]), ["title-match", "body-match"])
        status, _, page1 = self.search("quinoa")
        self.assertEqual(len(self.result_slugs(page1)), 20)
        self.assertIn("/search?q=quinoa&amp;page=2", page1)
        status, _, page2 = self.search("quinoa", 2)
        self.assertEqual(len(self.result_slugs(page2)), 3)
        self.assertEqual(self.search("quinoa", 3)[0], 404)

    def test_search_without_results_or_query_is_friendly(self):
        status, _, body = self.search("nothingmatchesthis")
        self.assertEqual(status, 200)
        self.assertIn("No results for", body)
        status, _, body = self.server.get("/search")
        self.assertEqual(status, 200)
        self.assertIn('name="q"', body)

    def test_hostile_queries_never_fail(self):
        self.assertGreaterEqual(len(HOSTILE), 30)
        for q in HOSTILE:
            with self.subTest(q=q[:40]):
                status, headers, body = self.search(q)
                self.assertIn(status, (200, 414, 431) if len(q) > 3000 else (200,))
                if status == 200:
                    self.assertIn("Search", body)
                    self.assertNotIn("<script>alert", body)
        # Reaching the raw parser too: operators in the query string itself.
        for raw in ["/search?q=%22", "/search?q=(", "/search?q=%ff%fe", "/search?q=a&q=b", "/search?q="]:
            self.assertEqual(self.server.get(raw)[0], 200, raw)


class IndexFreshnessTest(unittest.TestCase):
    def test_import_edit_keeps_search_current(self):
        b = bundle()
        server = Server([load_seed(), b]).start()
        try:
            self.assertEqual(re.findall(r'/articles/(title-match)"', server.get("/search?q=zanzibar")[2]),
                             ["title-match"])
            b2 = {"newsdesk_bundle": 1, "articles": [dict(b["articles"][1], title="Madagascar talks resume")]}
            from harness import run_cli
            import json as _json, os
            path = os.path.join(server.dir, "edit.json")
            with open(path, "w") as f:
                _json.dump(b2, f)
            self.assertEqual(run_cli(server.db, "import", path).returncode, 0)
            self.assertNotIn("/articles/title-match\"", server.get("/search?q=zanzibar")[2])
            self.assertIn("/articles/title-match\"", server.get("/search?q=madagascar")[2])
        finally:
            server.close()

    def test_an_empty_index_says_so(self):
        server = Server().start()  # no articles, so no tags or authors to list
        try:
            for path in ("/tags/", "/authors/"):
                status, _, body = server.get(path)
                self.assertEqual(status, 200, path)
                self.assertIn('<p class="listing-empty">None yet.</p>', body, path)
                self.assertNotIn('class="index-list"', body, path)
        finally:
            server.close()

    def test_feed_bodies_follow_edits_without_the_page_cache(self):
        # With no page cache, a feed's bodies come from the body cache of the
        # content version, read from the database only when not rendered yet.
        when = iso(time.time() - 600)
        first = {"newsdesk_bundle": 1, "articles": [
            article("feed-body", when, body="The first telling, with *emphasis*."),
            article("feed-other", iso(time.time() - 900), body="Another story's body.")]}
        server = Server([load_seed(), first], extra_args=["--page-cache-mb", "0"]).start()
        try:
            def content(slug):
                feed = feedparser.parse(server.get("/feed.xml")[2])
                entry = [e for e in feed.entries if e.link.endswith("/articles/" + slug)][0]
                return entry.content[0].value
            self.assertIn("<em>emphasis</em>", content("feed-body"))
            self.assertIn("<em>emphasis</em>", content("feed-body"))  # now from the body cache
            self.assertIn("Another story", content("feed-other"))
            from harness import run_cli
            import os
            path = os.path.join(server.dir, "edit.json")
            with open(path, "w") as f:
                json.dump({"newsdesk_bundle": 1, "articles": [
                    article("feed-body", when, body="The second telling, **bold** now.")]}, f)
            self.assertEqual(run_cli(server.db, "import", path).returncode, 0)
            deadline = time.time() + 3
            while time.time() < deadline and "second telling" not in content("feed-body"):
                time.sleep(0.1)
            body = content("feed-body")
            self.assertIn("<strong>bold</strong>", body)
            self.assertNotIn("first telling", body)
            self.assertIn("Another story", content("feed-other"))
            # Column and RSS feeds render the same body in the same context.
            self.assertIn("second telling", server.get("/columns/back-channel/feed.xml")[2])
            self.assertIn("second telling", server.get("/rss.xml")[2])
        finally:
            server.close()


if __name__ == "__main__":
    unittest.main()
