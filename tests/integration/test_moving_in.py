"""Moving in (issue #12): a newsroom's WordPress and Ghost archives arrive
whole: faithful bodies (wpautop, code blocks, captions, embeds), taxonomy in
any script, every old URL answering 301, dates right around midnight, pages,
a report of what was converted and skipped, and strict refusals that list
every problem and store nothing."""
import json
import os
import re
import unittest
import urllib.parse

from admin_client import api
from harness import ROOT, Server, run_cli, connect_db

WXR = os.path.join(ROOT, "tests", "fixtures", "wordpress", "newsroom.xml")


def body_of(page):
    return page.split('<div class="article-body">')[1].split("</div>\n\n")[0]


class WordPressNewsroomTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.report_path = os.path.join(cls.server.dir, "report.json")
        cls.result = run_cli(cls.server.db, "import", "--no-newsletter", "--report", cls.report_path, WXR)
        assert cls.result.returncode == 0, cls.result.stderr
        cls.server.start()
        cls.token = run_cli(cls.server.db, "token", "create", "--name", "t", "--role", "editor").stdout.strip()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_the_report_counts_what_was_imported_converted_and_skipped(self):
        with open(self.report_path) as f:
            report = json.load(f)[0]
        self.assertEqual(report["format"], "wordpress")
        self.assertEqual(report["imported"]["articles"], 7)
        self.assertEqual(report["imported"]["pages"], 1)
        converted, skipped = report["converted"], report["skipped"]
        self.assertEqual(converted["code block"]["count"], 2)
        self.assertEqual(converted["embed (YouTube)"]["count"], 1)
        self.assertEqual(converted["embed (X (Twitter))"]["count"], 1)
        self.assertEqual(converted["caption"]["count"], 1)
        self.assertEqual(converted["time zone (from the posts' UTC offset)"]["examples"], ["Etc/GMT-2"])
        self.assertEqual(skipped["comment (comments are not kept)"]["count"], 1)
        self.assertEqual(skipped["shortcode [contact-form-7] (its text kept)"]["examples"], ["post 101 (premier-article)"])
        # The terminal gets the same table.
        self.assertIn("embed (YouTube)", self.result.stdout)
        self.assertRegex(self.result.stdout, r"also: .*1 pages")

    def test_classic_content_gets_wordpress_paragraphs_and_intact_code(self):
        body = body_of(self.server.get("/articles/premier-article")[2])
        self.assertIn('<pre><code class="language-php">&lt;?php\nif ($a &lt; $b) {\n\n    echo "ok";\n}</code></pre>\n'
                      '<p>After the code.</p>', body)
        self.assertIn('<figure id="attachment_3"><img src="https://journal.example/wp-content/uploads/2020/03/photo.jpg" '
                      'alt="Une photo" width="300" height="200"><figcaption>La légende</figcaption></figure>', body)
        self.assertIn('<sup id="fnref-1"><a href="#fn-1"', body)
        self.assertIn('<li id="fn-1">La source.</li>', body)
        self.assertIn('data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"', body)
        for gone in ["<iframe", "contact-form-7", "[caption", "<p></p>", "<br"]:
            self.assertNotIn(gone, body)

    def test_block_editor_content_keeps_its_markup_and_embeds(self):
        slug = "خبر-فارسی"
        status, _, page = self.server.get("/articles/" + urllib.parse.quote(slug))
        self.assertEqual(status, 200)
        body = body_of(page)
        self.assertIn("<p>متن خبر.</p>", body)
        self.assertIn('<pre><code class="language-python">print("سلام")\n\nx = 1</code></pre>', body)
        self.assertIn("Show the post from X (Twitter)", body)
        self.assertNotIn("wp-block-embed", body)

    def test_a_cdata_section_split_at_its_end_marker_is_joined(self):
        self.assertIn("Un tableau a[b[0]]&gt; ici.", body_of(self.server.get("/articles/cdata")[2]))

    def test_slugs_of_up_to_200_characters_stay_distinct(self):
        for version in ["first", "second"]:
            self.assertEqual(self.server.get("/articles/" + "a" * 150 + "-%s-version" % version)[0], 200)

    def test_taxonomy_primary_category_others_as_tags_names_in_any_script(self):
        _, _, article = api(self.server, "GET", "/api/admin/articles/premier-article", self.token)
        self.assertEqual(article["column"], "economie")  # Yoast's primary category
        self.assertEqual(sorted(article["tags"]), sorted(["elections", "politique", "国际"]))
        status, _, tag = self.server.get("/tags/" + urllib.parse.quote("国际"))
        self.assertEqual(status, 200)
        self.assertIn("国际", tag)
        status, _, column = self.server.get("/columns/" + urllib.parse.quote("فارسی"))
        self.assertEqual(status, 200)
        self.assertIn("فارسی", column)
        self.assertIn("Économie", self.server.get("/columns/economie")[2])

    def test_every_old_url_answers_301_with_its_new_one(self):
        cases = {
            "/2020/03/01/premier-article/": "/articles/premier-article",
            "/2020/03/01/premier-article": "/articles/premier-article",
            "/?p=101": "/articles/premier-article",
            "/2020/07/01/%d8%ae%d8%a8%d8%b1-%d9%81%d8%a7%d8%b1%d8%b3%db%8c/": "/articles/" + urllib.parse.quote("خبر-فارسی"),
            "/category/economie/": "/columns/economie",
            "/category/%e5%9b%bd%e9%99%85/": "/tags/" + urllib.parse.quote("国际"),
            "/tag/elections/": "/tags/elections",
            "/author/marie/": "/authors/marie",
            "/feed/": "/feed.xml",
            "/a-propos/": "/a-propos",
            "/?page_id=201": "/a-propos",
        }
        for old, new in cases.items():
            status, headers, _ = self.server.get(old)
            self.assertEqual(status, 301, old)
            self.assertEqual(urllib.parse.unquote(headers["location"]).lower(), urllib.parse.unquote(new).lower(), old)
            self.assertEqual(self.server.get(headers["location"])[0], 200, headers["location"])

    def test_dates_without_gmt_take_the_site_offset_and_the_zone_is_set(self):
        # Drafts have no GMT date: the offset of the nearest post that has both
        # applies, winter (UTC+2) or summer time (UTC+3).
        _, _, draft = api(self.server, "GET", "/api/admin/articles/brouillon-de-minuit", self.token)
        self.assertEqual(draft["published_at"], "2020-03-01T21:50:00Z")  # 23:50 at UTC+2, not 23:50 UTC
        _, _, summer = api(self.server, "GET", "/api/admin/articles/brouillon-d-ete", self.token)
        self.assertEqual(summer["published_at"], "2020-07-01T21:30:00Z")  # 00:30 on July 2nd at UTC+3
        _, _, first = api(self.server, "GET", "/api/admin/articles/premier-article", self.token)
        self.assertEqual(first["published_at"], "2020-03-01T21:30:00Z")
        db = connect_db(self.server.db)
        # The zone most posts show (summer time cannot be told from offsets alone).
        self.assertEqual(db.execute("SELECT timezone FROM publication").fetchone()[0], "Etc/GMT-2")
        db.close()
        # Shown on the evening of March 1st, as the old site did.
        listing = self.server.get("/columns/economie")[2]
        self.assertRegex(listing, r"March 1, 2020|1 March 2020|2020-03-01|Mar 1, 2020|March 01, 2020")

    def test_pages_arrive_as_pages(self):
        status, _, page = self.server.get("/a-propos")
        self.assertEqual(status, 200)
        self.assertIn("<p>Nous sommes un journal.</p>", page)
        self.assertIn('href="/a-propos"', self.server.get("/")[2])


class StrictImportTest(unittest.TestCase):
    def setUp(self):
        self.server = Server()
        with open(WXR, encoding="utf-8") as f:
            text = f.read()
        # Two published posts lose their dates.
        text = text.replace("<wp:post_date><![CDATA[2020-03-02 09:00:00]]></wp:post_date>", "<wp:post_date></wp:post_date>")
        text = text.replace("<wp:post_date_gmt><![CDATA[2020-03-02 07:00:00]]></wp:post_date_gmt>", "<wp:post_date_gmt></wp:post_date_gmt>")
        text = text.replace("<wp:post_date><![CDATA[2020-07-01 10:00:00]]></wp:post_date>", "<wp:post_date></wp:post_date>")
        text = text.replace("<wp:post_date_gmt><![CDATA[2020-07-01 07:00:00]]></wp:post_date_gmt>", "<wp:post_date_gmt></wp:post_date_gmt>")
        self.bad = os.path.join(self.server.dir, "bad.xml")
        with open(self.bad, "w", encoding="utf-8") as f:
            f.write(text)

    def tearDown(self):
        self.server.close()

    def count(self, table):
        db = connect_db(self.server.db)
        n = db.execute("SELECT COUNT(*) FROM " + table).fetchone()[0]
        db.close()
        return n

    def test_strict_lists_every_problem_and_stores_nothing(self):
        r = run_cli(self.server.db, "import", "--no-newsletter", self.bad)
        self.assertEqual(r.returncode, 1)
        self.assertIn("bad.xml: wordpress post 102: post_date: is missing or not a date", r.stderr)
        self.assertIn("bad.xml: wordpress post 104: post_date: is missing or not a date", r.stderr)
        self.assertIn("2 invalid records; nothing of this file was imported", r.stderr)
        for table in ["articles", "pages", "redirects", "columns", "tags", "authors"]:
            self.assertEqual(self.count(table), 0, table)

    def test_skip_invalid_imports_the_rest_and_lists_what_it_left(self):
        report = os.path.join(self.server.dir, "r.json")
        r = run_cli(self.server.db, "import", "--no-newsletter", "--skip-invalid", "--report", report, self.bad)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.count("articles"), 5)
        with open(report) as f:
            entry = json.load(f)[0]
        self.assertEqual(entry["problems_total"], 2)
        self.assertEqual(entry["skipped"]["invalid record (--skip-invalid)"]["count"], 2)

    def test_a_bundle_with_several_bad_articles_lists_them_all(self):
        bundle = {"newsdesk_bundle": 1,
                  "publication": {"name": "P", "base_url": "https://p.example"},
                  "authors": [{"slug": "a", "name": "A"}], "columns": [{"slug": "c", "name": "C"}],
                  "articles": [{"slug": "good", "title": "G", "summary": "s", "body": "b", "authors": ["a"], "column": "c",
                                "published_at": "2020-01-01T00:00:00Z", "status": "published"},
                               {"slug": "bad-one", "title": "B", "authors": ["a"], "column": "c",
                                "published_at": "not a date", "status": "published"},
                               {"slug": "bad-two", "title": "B", "authors": ["a"], "column": "c",
                                "published_at": "2020-01-01T00:00:00Z", "status": "sideways"}]}
        path = os.path.join(self.server.dir, "b.json")
        with open(path, "w") as f:
            json.dump(bundle, f)
        r = run_cli(self.server.db, "import", path)
        self.assertEqual(r.returncode, 1)
        self.assertIn("article bad-one: published_at", r.stderr)
        self.assertIn("article bad-two: status", r.stderr)
        self.assertEqual(self.count("articles"), 0)
        r = run_cli(self.server.db, "import", "--skip-invalid", "--no-newsletter", path)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.count("articles"), 1)


class GhostExportsTest(unittest.TestCase):
    """Ghost 0.x (meta/data, epoch-ms dates, Markdown) and 5.x (lexical and
    mobiledoc without html, duplicate rows, internal tags, members)."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        old = {"meta": {"exported_on": 1388805572000, "version": "003"},
               "data": {"posts": [{"id": 1, "title": "Old markdown", "slug": "old-markdown", "markdown": "## Hi\n\nSome *text*.",
                                   "html": "", "status": "published", "published_at": 1388805572000, "page": 0,
                                   "author_id": 1},
                                  {"id": 2, "title": "Colophon", "slug": "colophon", "markdown": "Made here.",
                                   "html": "<p>Made here.</p>", "status": "published", "published_at": 1388805572000,
                                   "page": 1, "author_id": 1}],
                        "users": [{"id": 1, "name": "Old Writer", "slug": "old-writer"}],
                        "tags": [{"id": 1, "name": "News", "slug": "news"}],
                        "posts_tags": [{"post_id": 1, "tag_id": 1}]}}
        lexical = {"root": {"children": [
            {"type": "paragraph", "children": [{"type": "text", "text": "Bold ", "format": 1},
                                               {"type": "link", "url": "https://example.org/",
                                                "children": [{"type": "text", "text": "link"}]}]},
            {"type": "heading", "tag": "h2", "children": [{"type": "text", "text": "Section"}]},
            {"type": "codeblock", "language": "go", "code": "func main() {\n\n}"},
            {"type": "embed", "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"}]}}
        mobiledoc = {"version": "0.3.1", "atoms": [], "markups": [["em"]],
                     "cards": [["markdown", {"markdown": "* one\n* two"}], ["hr", {}]],
                     "sections": [[1, "p", [[0, [0], 1, "Emphasis"]]], [10, 0], [10, 1]]}
        new = {"db": [{"meta": {"version": "5.0.0"}, "data": {
            "posts": [{"id": "a1", "title": "Lexical post", "slug": "lexical-post", "html": None,
                       "lexical": json.dumps(lexical), "status": "published", "type": "post",
                       "published_at": "2023-05-01T10:00:00.000Z"},
                      {"id": "a2", "title": "Mobiledoc post", "slug": "mobiledoc-post", "html": "",
                       "mobiledoc": json.dumps(mobiledoc), "status": "published", "type": "post",
                       "published_at": "2023-05-02T10:00:00.000Z"},
                      {"id": "a2", "title": "Mobiledoc post", "slug": "mobiledoc-post", "html": "",
                       "mobiledoc": json.dumps(mobiledoc), "status": "published", "type": "post",
                       "published_at": "2023-05-02T10:00:00.000Z"}],
            "users": [{"id": "u1", "name": "Ada", "slug": "ada"}, {"id": "u2", "name": "Ada", "slug": "ada"}],
            "posts_authors": [{"post_id": "a1", "author_id": "u2"}, {"post_id": "a2", "author_id": "u1"}],
            "tags": [{"id": "t1", "name": "World", "slug": "world"},
                     {"id": "t2", "name": "#newsletter-only", "slug": "hash-newsletter-only", "visibility": "internal"}],
            "posts_tags": [{"post_id": "a1", "tag_id": "t2", "sort_order": 0},
                           {"post_id": "a1", "tag_id": "t1", "sort_order": 1}],
            "members": [{"id": "m1", "email": "reader@example.com", "status": "free"},
                        {"id": "m2", "email": "Fan@Example.com", "status": "paid"},
                        {"id": "m3", "email": "gone@example.com", "status": "free"}],
            "members_newsletters": [{"member_id": "m1", "newsletter_id": "n1"}, {"member_id": "m2", "newsletter_id": "n1"}],
            "members_subscribe_events": [{"member_id": "m2", "subscribed": True, "source": "member"},
                                         {"member_id": "m1", "subscribed": True, "source": "import"}],
            "newsletters": [{"id": "n1", "name": "Weekly"}]}}]}
        cls.reports = []
        cls.new_export = new
        for name, export, flags in [("old.json", old, []), ("new.json", new, ["--import-subscribers"])]:
            path = os.path.join(cls.server.dir, name)
            with open(path, "w") as f:
                json.dump(export, f)
            report = os.path.join(cls.server.dir, name + ".report")
            r = run_cli(cls.server.db, "import", "--no-newsletter", "--report", report, *flags, path)
            assert r.returncode == 0, r.stderr
            with open(report) as f:
                cls.reports.append(json.load(f)[0])
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_ghost_0x_markdown_posts_epoch_dates_and_pages(self):
        status, _, page = self.server.get("/articles/old-markdown")
        self.assertEqual(status, 200)
        self.assertIn("<h2>Hi</h2>", page)
        self.assertIn("<em>text</em>", page)
        self.assertIn('<meta property="article:published_time" content="2014-01-04T03:19:32Z">', page)
        self.assertIn('<p class="article-summary">Hi Some text.</p>', page)
        self.assertEqual(self.server.get("/colophon")[0], 200)
        self.assertEqual(self.server.get("/columns/news")[0], 200)

    def test_lexical_and_mobiledoc_bodies_are_rendered(self):
        body = body_of(self.server.get("/articles/lexical-post")[2])
        self.assertIn('<strong>Bold </strong><a href="https://example.org/"', body)
        self.assertIn("<h2>Section</h2>", body)
        self.assertIn('<pre><code class="language-go">func main() {\n\n}</code></pre>', body)
        self.assertIn("youtube-nocookie.com/embed/dQw4w9WgXcQ", body)
        body = body_of(self.server.get("/articles/mobiledoc-post")[2])
        self.assertIn("<p><em>Emphasis</em></p>", body)
        self.assertIn("<li>one</li>", body)
        self.assertIn("<hr>", body)

    def test_primary_tag_internal_tags_duplicates_and_members(self):
        page = self.server.get("/articles/lexical-post")[2]
        self.assertIn('href="/tags/world"', page)  # the primary public tag: the column, and a tag
        self.assertEqual(self.server.get("/columns/world")[0], 200)
        self.assertNotIn("newsletter-only", page)
        self.assertEqual(self.server.get("/tags/hash-newsletter-only")[0], 404)
        self.assertEqual(self.server.get("/columns/hash-newsletter-only")[0], 404)
        self.assertIn("Ada", page)
        skipped = self.reports[1]["skipped"]
        self.assertEqual(skipped["duplicate post row (the first is kept)"]["count"], 1)
        self.assertEqual(skipped["duplicate author row (the first is kept)"]["count"], 1)
        self.assertEqual(skipped["member not subscribed to the newsletter"]["count"], 1)
        self.assertEqual(skipped["internal tag (#tag: never public)"]["count"], 1)
        self.assertEqual(self.reports[1]["converted"]["body rendered from lexical"]["count"], 1)

    def test_members_become_subscribers_only_when_asked_and_opt_in_is_kept_only_when_proven(self):
        db = connect_db(self.server.db)
        rows = dict(db.execute("SELECT s.email, x.state FROM subscribers s JOIN subscriptions x ON x.subscriber_id = s.id"))
        db.close()
        # Subscribed through Ghost's own sign-up (a double opt-in): confirmed. Imported into
        # Ghost by its owner: a new opt-in is needed. Not on the newsletter: not added.
        self.assertEqual(rows, {"Fan@example.com": "confirmed", "reader@example.com": "pending"})  # the domain lowercased
        converted = self.reports[1]["converted"]
        self.assertEqual(converted["subscriber, confirmed (opted in on the old site)"]["count"], 1)
        self.assertEqual(converted["subscriber, pending (needs a new opt-in)"]["count"], 1)
        # Without the flag they are counted and left.
        other = Server()
        try:
            path = os.path.join(other.dir, "new.json")
            with open(path, "w") as f:
                json.dump(self.new_export, f)
            report = os.path.join(other.dir, "r.json")
            r = run_cli(other.db, "import", "--no-newsletter", "--report", report, path)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(report) as f:
                skipped = json.load(f)[0]["skipped"]
            self.assertEqual(skipped["subscriber (import them with --import-subscribers)"]["count"], 2)
            db = connect_db(other.db)
            self.assertEqual(db.execute("SELECT COUNT(*) FROM subscribers").fetchone()[0], 0)
            db.close()
        finally:
            other.close()


if __name__ == "__main__":
    unittest.main()
