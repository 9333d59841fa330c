"""The public site over real HTTP: routes, pagination, visibility, escaping, limits, drain."""
import html
import json
import os
import re
import signal
import socket
import time
import unittest

from harness import Server, article, load_seed, run_cli
from test_pictures import make_jpeg


def extra_bundle():
    b = {"newsdesk_bundle": 1,
         "authors": [{"slug": "ben-caspit", "name": "Ben Caspit", "bio": "Writes from Tel Aviv."},
                     {"slug": "third-author", "name": "Third Author", "bio": ""}],
         "columns": [{"slug": "many", "name": "Many", "title": "The Many Column", "description": ""}],
         "articles": []}
    for i in range(25):
        b["articles"].append(article("many-%02d" % i, "2017-01-%02dT12:00:00Z" % (i + 1), column="many",
                                     authors=("ben-caspit",), tags=("paging",)))
    b["articles"].append(article("escaped", "2017-02-01T12:00:00Z", title="<b>Bold</b> & Co",
                                 summary="Fish & <i>chips</i>", column="many",
                                 authors=("laura-rozen", "ben-caspit", "third-author"),
                                 body="Text <script>alert(1)</script>\n\n**strong**"))
    b["articles"].append(article("a-draft", "2016-01-01T00:00:00Z", status="draft"))
    b["articles"].append(article("in-the-future", "2099-01-01T00:00:00Z", status="scheduled"))
    b["articles"].append(article("future-published", "2099-01-01T00:00:00Z"))
    return b


def titles(body):
    return [html.unescape(t) for t in re.findall(r'<h2 class="listing-title"><a href="[^"]+">(.*?)</a>', body)]


class SiteTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server([load_seed(), extra_bundle()], extra_args=["--request-timeout", "2"]).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_every_route_answers(self):
        for path, status in [("/", 200), ("/columns/back-channel", 200), ("/columns/back-channel?page=1", 200),
                             ("/articles/us-threatens-to-halt-talks-with-russia-on-syria", 200),
                             ("/authors/laura-rozen", 200), ("/tags/syria", 200), ("/cookies", 200),
                             ("/healthz", 200), ("/assets/style.css", 200), ("/assets/cookie-notice.js", 200),
                             ("/columns/no-such-column", 404), ("/articles/no-such-article", 404),
                             ("/authors/nobody", 404), ("/tags/none", 404), ("/nothing/here", 404),
                             ("/columns/Back-Channel", 404), ("/assets/missing.css", 404)]:
            with self.subTest(path=path):
                got, headers, body = self.server.get(path)
                self.assertEqual(got, status)
                if path.startswith("/assets/"):
                    continue
                self.assertIn("charset=utf-8", headers["content-type"])
                self.assertEqual(int(headers["content-length"]), len(body.encode("utf-8")))
                if path != "/healthz":
                    self.assertIn("©2017 Al-Monitor. All rights reserved.", body)
                    self.assertNotIn("set-cookie", headers)

    def test_not_found_page_uses_the_layout(self):
        status, headers, body = self.server.get("/no/such/page")
        self.assertEqual(status, 404)
        self.assertIn("text/html", headers["content-type"])
        self.assertIn("Page not found", body)
        self.assertIn("Get Al-Monitor delivered to your Inbox", body)

    def test_column_page_lists_the_seed_in_order(self):
        status, _, body = self.server.get("/columns/back-channel")
        self.assertEqual(status, 200)
        self.assertIn("<h1 class=\"listing-heading\">The Back Channel</h1>", body)
        self.assertEqual(titles(body), [a["title"] for a in load_seed()["articles"]])
        self.assertIn("Wednesday, Sep. 28, 2016</time> | ", body)

    def test_pagination_edges(self):
        status, _, page1 = self.server.get("/columns/many")
        self.assertEqual(status, 200)
        self.assertEqual(len(titles(page1)), 20)
        self.assertEqual(titles(page1)[0], "<b>Bold</b> & Co")
        self.assertIn('href="/columns/many?page=2"', page1)
        self.assertNotIn("Newer articles", page1)
        status, _, page2 = self.server.get("/columns/many?page=2")
        self.assertEqual(status, 200)
        self.assertEqual(len(titles(page2)), 6)  # 26 articles: the last page is short
        self.assertEqual(titles(page2)[-1], "Title many-00")
        self.assertIn('href="/columns/many"', page2)
        self.assertNotIn("Older articles", page2)
        for bad in ["3", "0", "-1", "abc", "1.5", "99999999999"]:
            with self.subTest(page=bad):
                self.assertEqual(self.server.get("/columns/many?page=" + bad)[0], 404)
        self.assertEqual(self.server.get("/columns/back-channel?page=2")[0], 404)
        self.assertEqual(len(titles(self.server.get("/authors/ben-caspit?page=2")[2])), 6)

    def test_drafts_and_future_articles_are_hidden(self):
        for slug in ["a-draft", "in-the-future", "future-published"]:
            with self.subTest(slug=slug):
                self.assertEqual(self.server.get("/articles/" + slug)[0], 404)
        for path in ["/", "/columns/back-channel", "/authors/laura-rozen"]:
            body = self.server.get(path)[2]
            for slug in ["a-draft", "in-the-future", "future-published"]:
                self.assertNotIn("/articles/" + slug, body)

    def test_titles_are_escaped(self):
        for path in ["/columns/many", "/articles/escaped", "/authors/third-author", "/"]:
            with self.subTest(path=path):
                body = self.server.get(path)[2]
                self.assertIn("&lt;b&gt;Bold&lt;/b&gt; &amp; Co", body)
                self.assertNotIn("<b>Bold</b>", body)
        body = self.server.get("/articles/escaped")[2]
        self.assertIn("Fish &amp; &lt;i&gt;chips&lt;/i&gt;", body)
        self.assertNotIn("<script>alert", body)
        self.assertIn("<strong>strong</strong>", body)
        self.assertIn("Laura Rozen</a>, <a href=\"/authors/ben-caspit\">Ben Caspit</a> and "
                      "<a href=\"/authors/third-author\">Third Author</a>", body)

    def test_article_page(self):
        status, _, body = self.server.get("/articles/us-threatens-to-halt-talks-with-russia-on-syria")
        self.assertEqual(status, 200)
        self.assertIn("<h1 class=\"article-title\">US threatens to halt talks with Russia on Syria</h1>", body)
        self.assertIn('<link rel="canonical" href="http://127.0.0.1:8080/articles/us-threatens', body)
        self.assertIn('href="/tags/syria"', body)

    def test_head_matches_get(self):
        conn = socket.create_connection(("127.0.0.1", self.server.port))
        _, get_headers, get_body = self.server.get("/columns/back-channel")
        status, headers, body = self.server.request("HEAD", "/columns/back-channel")
        conn.close()
        self.assertEqual(status, 200)
        self.assertEqual(body, "")
        self.assertEqual(headers["content-length"], get_headers["content-length"])

    def test_keep_alive_serves_several_requests_on_one_connection(self):
        req = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
        last = b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        answer = self.server.raw(req + req + last)
        self.assertEqual(answer.count(b"HTTP/1.1 200 OK"), 3)

    def test_gzip_when_asked(self):
        import gzip
        import http.client
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        conn.request("GET", "/columns/back-channel", headers={"Accept-Encoding": "gzip"})
        r = conn.getresponse()
        raw = r.read()
        conn.close()
        self.assertEqual(r.getheader("Content-Encoding"), "gzip")
        self.assertEqual(int(r.getheader("Content-Length")), len(raw))
        self.assertIn("Accept-Encoding", r.getheader("Vary"))
        plain = self.server.get("/columns/back-channel")[2]
        self.assertEqual(gzip.decompress(raw).decode("utf-8"), plain)
        self.assertLess(len(raw), len(plain.encode()) / 2)

    def test_metrics_in_prometheus_text_format(self):
        def total():
            status, headers, body = self.server.get("/metrics")
            self.assertEqual(status, 200)
            self.assertIn("text/plain; version=0.0.4", headers["content-type"])
            samples = {}
            for line in body.splitlines():
                if line and not line.startswith("#"):
                    name, value = line.rsplit(" ", 1)
                    samples[name] = float(value)
            return samples
        before = total()
        self.server.get("/columns/back-channel")
        self.server.get("/nothing/here")
        after = total()
        self.assertGreaterEqual(after['newsdesk_http_requests_total{code="2xx"}'],
                                before['newsdesk_http_requests_total{code="2xx"}'] + 2)
        self.assertGreaterEqual(after['newsdesk_http_requests_total{code="4xx"}'],
                                before['newsdesk_http_requests_total{code="4xx"}'] + 1)
        self.assertEqual(after['newsdesk_http_request_duration_seconds_bucket{le="+Inf"}'],
                         after["newsdesk_http_request_duration_seconds_count"])
        self.assertIn('newsdesk_newsletter_emails{state="queued"}', after)

    def test_unknown_method_is_405(self):
        status, headers, _ = self.server.request("DELETE", "/columns/back-channel")
        self.assertEqual(status, 405)
        self.assertEqual(headers["allow"], "GET")

    def test_traversal_and_bad_paths_never_escape_the_theme(self):
        for target in [b"/assets/../../../../etc/passwd", b"/assets/%2e%2e/%2e%2e/etc/passwd",
                       b"/assets/..%2f..%2fCMakeLists.txt", b"/assets/%2e%2e%5c..%5cetc%5cpasswd",
                       b"/..", b"/%00", b"/assets/%", b"/assets/%zz"]:
            with self.subTest(target=target):
                answer = self.server.raw(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                status = int(answer.split(b" ", 2)[1])
                self.assertIn(status, (400, 404))
                self.assertNotIn(b"root:", answer)
                self.assertNotIn(b"cmake_minimum_required", answer)

    def test_size_limits(self):
        long_url = b"/columns/" + b"a" * 10000
        answer = self.server.raw(b"GET " + long_url + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertIn(int(answer.split(b" ", 2)[1]), (414, 431))
        big_header = b"X-Big: " + b"b" * 20000 + b"\r\n"
        answer = self.server.raw(b"GET / HTTP/1.1\r\nHost: x\r\n" + big_header + b"\r\n")
        self.assertTrue(answer.startswith(b"HTTP/1.1 431"), answer[:60])
        # The declared length alone is refused, before any of the body is read.
        answer = self.server.raw(b"POST /cookies/consent HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n"
                                 % (2 * 1024 * 1024))
        self.assertTrue(answer.startswith(b"HTTP/1.1 413"), answer[:60])
        answer = self.server.raw(b"NOT-HTTP\r\n\r\n")
        self.assertTrue(answer.startswith(b"HTTP/1.1 400"), answer[:60])
        self.assertEqual(self.server.get("/healthz")[0], 200)  # still alive

    def test_slow_clients_are_cut_off(self):
        # --request-timeout is 2 s here; the socket would wait 10 s and raise.
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # never finishes the head
            self.assertEqual(s.recv(100), b"")  # closed by the server

    def test_cookie_notice_without_javascript(self):
        status, headers, body = self.server.get("/columns/back-channel")
        self.assertIn('id="cookie-notice"', body)
        self.assertIn('aria-label="Dismiss cookie notice"', body)
        self.assertNotIn("set-cookie", headers)
        status, headers, _ = self.server.request(
            "POST", "/cookies/consent", body="return_to=%2Fcolumns%2Fback-channel",
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 303)
        self.assertEqual(headers["location"], "/columns/back-channel")
        self.assertIn("newsdesk_consent=dismissed", headers["set-cookie"])
        self.assertIn("Max-Age=15724800", headers["set-cookie"])
        _, _, body = self.server.get("/columns/back-channel", headers={"Cookie": "newsdesk_consent=dismissed"})
        self.assertNotIn('id="cookie-notice"', body)
        status, headers, _ = self.server.request(
            "POST", "/cookies/consent", body="return_to=https%3A%2F%2Fevil.example%2F",
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(headers["location"], "/")

    def test_access_log_has_a_line_per_request(self):
        self.server.get("/columns/back-channel?page=1")
        time.sleep(0.2)
        self.assertRegex(self.server.read_log(), r'127\.0\.0\.1 "GET /columns/back-channel\?page=1" 200 \d+')


class DeepPagesTest(unittest.TestCase):
    """A listing page after one already shown starts where that one ended (a
    seek): whatever order pages are asked in, and across a change, every page
    is the one counting from the top gives. Five articles share each moment,
    so pages end inside a moment. The page cache is off: every page is read."""

    @classmethod
    def setUpClass(cls):
        b = {"newsdesk_bundle": 1, "authors": [{"slug": "deep-writer", "name": "Deep Writer", "bio": ""}],
             "columns": [{"slug": "deep", "name": "Deep", "title": "Deep", "description": ""}], "articles": []}
        for i in range(67):
            b["articles"].append(article("deep-%02d" % i, "2015-03-%02dT09:00:00Z" % (1 + i // 5), column="deep",
                                         authors=("deep-writer",), tags=("deep-tag",)))
        cls.bundle = b
        cls.server = Server([load_seed(), b], extra_args=["--page-cache-mb", "0"]).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def listed(self, base, page):
        status, _, body = self.server.get(base + ("?page=%d" % page if page > 1 else ""))
        self.assertEqual(status, 200, (base, page))
        return re.findall(r'<h2 class="listing-title"><a href="/articles/(deep-[a-z0-9]+)"', body)

    def check(self, count):
        for base in ["/columns/deep", "/authors/deep-writer", "/tags/deep-tag"]:
            with self.subTest(base=base):
                pages = (count + 19) // 20
                first = {}
                for page in [pages, 2, 3, 1, pages, 3, 2, 1]:
                    got = self.listed(base, page)
                    first.setdefault(page, got)
                    self.assertEqual(got, first[page], page)
                walked = [slug for page in range(1, pages + 1) for slug in first[page]]
                self.assertEqual(len(walked), count)
                self.assertEqual(len(set(walked)), count)
                # Newest first: a later moment never follows an earlier one.
                days = [int(slug.split("-")[1]) // 5 for slug in walked if slug != "deep-new"]
                self.assertEqual(days, sorted(days, reverse=True))
                self.assertEqual(self.server.get(base + "?page=%d" % (pages + 1))[0], 404)

    def test_pages_in_any_order_and_after_a_change(self):
        self.check(67)
        newer = {"newsdesk_bundle": 1, "articles": [article("deep-new", "2015-04-01T09:00:00Z", column="deep",
                                                            authors=("deep-writer",), tags=("deep-tag",))]}
        self.server.import_bundle(newer)  # another process: the server sees the change within a second
        deadline = time.time() + 10
        while self.listed("/columns/deep", 1)[0] != "deep-new" and time.time() < deadline:
            time.sleep(0.1)
        self.check(68)
        self.assertEqual(self.listed("/tags/deep-tag", 4)[-1], self.listed("/columns/deep", 4)[-1])


class PageCacheTest(unittest.TestCase):
    def test_a_change_rerenders_only_the_pages_that_show_it(self):
        b = load_seed()
        b["authors"].append({"slug": "ben-caspit", "name": "Ben Caspit", "bio": ""})
        b["columns"].append({"slug": "pulse", "name": "Pulse", "title": "Israel Pulse", "description": ""})
        ago = lambda h: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 3600 * h))
        b["articles"].append(article("in-pulse", ago(30), column="pulse", authors=("ben-caspit",), tags=("israel",)))
        b["articles"].append(article("other-pulse", ago(31), column="pulse", authors=("ben-caspit",),
                                     tags=("israel",)))
        server = Server([b]).start()
        token = run_cli(server.db, "token", "create", "--name", "e", "--role", "editor").stdout.strip()
        api = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
        try:
            def misses():
                body = server.get("/metrics")[2]
                return int(re.search(r"^newsdesk_page_cache_misses_total (\d+)", body, re.M).group(1))

            # Article pages list other articles (more from the column, related ones by
            # tag): other-pulse shows in-pulse; an article of another column and tags does not.
            showing = ["/articles/in-pulse", "/columns/pulse", "/authors/ben-caspit", "/tags/israel", "/",
                       "/feed.xml", "/columns/pulse/feed.xml", "/sitemap.xml", "/articles/other-pulse"]
            others = ["/columns/back-channel", "/authors/laura-rozen", "/tags/syria", "/robots.txt",
                      "/articles/shaky-cease-fire-starts-in-syria"]

            def visit(paths):
                before = misses()
                bodies = {p: server.get(p)[2] for p in paths}
                return misses() - before, bodies

            visit(showing + others)
            self.assertEqual(visit(showing + others)[0], 0)  # all cached

            def check(change, *, fresh_text=None, gone=False):
                with self.subTest(change):
                    rerendered, bodies = visit(showing)
                    self.assertEqual(rerendered, len(showing))  # every page showing it is fresh...
                    if fresh_text:
                        self.assertIn(fresh_text, bodies["/columns/pulse"])
                        self.assertIn(fresh_text, bodies["/articles/in-pulse"])
                    if gone:
                        self.assertNotIn("Title in-pulse", bodies["/columns/pulse"])
                    self.assertEqual(visit(others)[0], 0)  # ...and no other page is rendered again

            # An edit through the API (this process).
            status, _, _ = server.request("PATCH", "/api/admin/articles/in-pulse",
                                          body=json.dumps({"title": "Edited headline"}), headers=api)
            self.assertEqual(status, 200)
            check("edit", fresh_text="Edited headline")
            # Unpublished.
            server.request("PATCH", "/api/admin/articles/in-pulse", body=json.dumps({"status": "draft"}),
                           headers=api)
            check("unpublish", gone=True)
            # Published again, by another process (the CLI importing a bundle).
            a = article("in-pulse", ago(30), title="From the CLI", column="pulse", authors=("ben-caspit",),
                        tags=("israel",))
            server.import_bundle({"newsdesk_bundle": 1, "articles": [a]})
            for _ in range(40):  # the change log is read four times a second
                if "From the CLI" in server.get("/articles/in-pulse")[2]:
                    break
                time.sleep(0.1)
            # (the article page was rendered by the loop above; the rest is checked as before)
            showing.remove("/articles/in-pulse")
            check("another process", fresh_text=None)
            self.assertIn("From the CLI", server.get("/columns/pulse")[2])
            showing.append("/articles/in-pulse")
            # Deleted.
            self.assertEqual(server.request("DELETE", "/api/admin/articles/in-pulse", headers=api)[0], 204)
            check("delete", gone=True)
            self.assertEqual(server.get("/articles/in-pulse")[0], 404)
        finally:
            server.close()

    def test_an_authors_new_photo_shows_under_their_cached_articles(self):
        # The author box under an article depends on the author's profile
        # (profile:author:<slug>), not on every edit of the author's articles.
        server = Server([load_seed()]).start()
        try:
            slug = "us-threatens-to-halt-talks-with-russia-on-syria"
            self.assertNotIn('class="author-photo"', server.get("/articles/" + slug)[2])
            self.assertNotIn('class="author-photo"', server.get("/articles/" + slug)[2])  # cached now
            folder = os.path.join(server.dir, "photo")
            os.makedirs(folder)
            make_jpeg(os.path.join(folder, "face.jpg"), 400, 400)
            with open(os.path.join(folder, "bundle.json"), "w") as f:
                json.dump({"newsdesk_bundle": 1, "authors": [{"slug": "laura-rozen", "name": "Laura Rozen", "bio": "",
                                                              "photo": {"src": "face.jpg"}}]}, f)
            r = run_cli(server.db, "import", os.path.join(folder, "bundle.json"))  # another process
            self.assertEqual(r.returncode, 0, r.stderr)
            deadline = time.time() + 3
            while time.time() < deadline and 'class="author-photo"' not in server.get("/articles/" + slug)[2]:
                time.sleep(0.1)
            self.assertIn('class="author-photo"', server.get("/articles/" + slug)[2])
        finally:
            server.close()

    def test_changes_from_another_process_show_within_a_second(self):
        import json as _json
        server = Server([load_seed()]).start()
        try:
            metrics = lambda: {l.rsplit(" ", 1)[0]: float(l.rsplit(" ", 1)[1])
                               for l in server.get("/metrics")[2].splitlines() if l and not l.startswith("#")}
            first = server.get("/columns/back-channel")[2]
            before = metrics()["newsdesk_page_cache_hits_total"]
            self.assertEqual(server.get("/columns/back-channel")[2], first)
            self.assertEqual(metrics()["newsdesk_page_cache_hits_total"], before + 1)
            # An import by the CLI, a separate process, while the page is cached.
            server.import_bundle({"newsdesk_bundle": 1, "articles": [
                article("fresh-news", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 5)),
                        title="Fresh from another process")]})
            # Cache hits skip the database; the content version is read four times a
            # second, so another process's change shows within a second.
            seen = None
            for _ in range(40):
                seen = titles(server.get("/columns/back-channel")[2])[0]
                if seen == "Fresh from another process":
                    break
                time.sleep(0.1)
            self.assertEqual(seen, "Fresh from another process")
            self.assertIn("Fresh from another process", server.get("/feed.xml")[2])
            # The notice and the coding are part of what is kept apart.
            dismissed = server.get("/columns/back-channel", {"Cookie": "newsdesk_consent=dismissed"})[2]
            self.assertNotIn('id="cookie-notice"', dismissed)
            self.assertIn('id="cookie-notice"', server.get("/columns/back-channel")[2])
        finally:
            server.close()

    def test_can_be_turned_off(self):
        server = Server([load_seed()], extra_args=["--page-cache-mb", "0"]).start()
        try:
            for _ in range(3):
                server.get("/columns/back-channel")
            self.assertIn("newsdesk_page_cache_hits_total 0", server.get("/metrics")[2])
        finally:
            server.close()


class DrainTest(unittest.TestCase):
    def test_sigterm_drains_and_exits_zero(self):
        server = Server([load_seed()]).start()
        try:
            idle = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            idle.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            self.assertIn(b"200 OK", idle.recv(1000))
            self.assertEqual(server.stop(signal.SIGTERM), 0)
            self.assertEqual(idle.recv(100), b"")  # the idle keep-alive connection was closed
            idle.close()
            self.assertIn("server stopped", server.read_log())
        finally:
            server.close()


if __name__ == "__main__":
    unittest.main()
