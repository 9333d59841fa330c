"""The hardening probes as tests: each failed before the fix it names (issue 7).

Framing, connection cap and fd exhaustion, search isolation, cache flooding,
security headers, the publish race, confirmation limits, sign-out CSRF, token and
user revocation, control characters, a full disk, backup and restore.
No timing thresholds: isolation is checked by ordering and by counts.
"""
import json
import os
import random
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.parse

from harness import BIN, Server, article, free_port, load_seed, on_postgres, run_cli, sqlite_only
from smtp_peer import SmtpPeer

WORDS = ("policy leader minister talks border election economy inflation army treaty sanctions oil "
         "parliament court protest reform budget trade summit ceasefire refugee").split()


def big_bundle(n, seed=7):
    """n articles with ~300-word bodies over a small vocabulary (every word common)."""
    rnd = random.Random(seed)
    b = load_seed()
    base = time.time() - 86400 * 400
    for i in range(n):
        when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(base + i * 3600))
        body = " ".join(rnd.choice(WORDS) for _ in range(300))
        b["articles"].append(article("bulk-%05d" % i, when, title="Story %d on %s" % (i, rnd.choice(WORDS)),
                                     body=body))
    return b


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def metric(server, name):
    status, _, body = server.get("/metrics")
    assert status == 200, status
    m = re.search(r"^%s (\d+)" % re.escape(name), body, re.M)
    return int(m.group(1)) if m else 0


class TrustedProxyTest(unittest.TestCase):
    """Per-client limits key on X-Forwarded-For only when the peer is a trusted proxy."""

    def searches(self, server, forwarded_for):
        return [server.get("/search?q=syria", {"X-Forwarded-For": forwarded_for})[0] for _ in range(3)]

    def test_forwarded_for_is_believed_from_the_proxy_only(self):
        behind = Server([load_seed()], extra_args=["--search-per-minute", "2", "--trusted-proxy", "127.0.0.1"])
        behind.start()
        try:
            self.assertEqual(self.searches(behind, "203.0.113.5"), [200, 200, 429])
            self.assertEqual(self.searches(behind, "203.0.113.6"), [200, 200, 429])  # another client
        finally:
            behind.close()
        direct = Server([load_seed()], extra_args=["--search-per-minute", "2"]).start()
        try:
            self.assertEqual(self.searches(direct, "203.0.113.5"), [200, 200, 429])
            self.assertEqual(self.searches(direct, "203.0.113.6"), [429, 429, 429])  # the header is ignored
        finally:
            direct.close()


class FramingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server([load_seed()]).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def status_of(self, raw):
        answer = self.server.raw(raw)
        m = re.match(rb"HTTP/1\.1 (\d{3})", answer)
        return int(m.group(1)) if m else None, answer

    def test_ambiguous_framing_is_refused_and_closed(self):
        cases = {
            "chunked then identity": b"POST /newsletter/subscribe HTTP/1.1\r\nHost: x\r\n"
                                     b"Transfer-Encoding: chunked, identity\r\n\r\n5\r\nemail\r\n0\r\n\r\n",
            "identity only": b"POST /newsletter/subscribe HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\n",
            "gzip then chunked": b"POST /newsletter/subscribe HTTP/1.1\r\nHost: x\r\n"
                                 b"Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
            "two encodings headers": b"POST /newsletter/subscribe HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                                     b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "length and chunked": b"POST /newsletter/subscribe HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                                  b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "no host": b"GET / HTTP/1.1\r\n\r\n",
            "two hosts": b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        }
        for name, raw in cases.items():
            with self.subTest(name):
                status, answer = self.status_of(raw)
                self.assertEqual(status, 400, answer[:200])
                self.assertIn(b"Connection: close", answer)
                self.assertEqual(answer.count(b"HTTP/1.1 "), 1)  # nothing smuggled behind it

    def test_ordinary_framing_still_works(self):
        status, _ = self.status_of(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        self.assertEqual(status, 200)
        status, _ = self.status_of(b"GET /healthz HTTP/1.0\r\n\r\n")  # HTTP/1.0 needs no Host
        self.assertEqual(status, 200)
        status, answer = self.status_of(b"POST /newsletter/subscribe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                        b"Content-Type: application/x-www-form-urlencoded\r\n"
                                        b"Transfer-Encoding: chunked\r\n\r\n5\r\nemail\r\n0\r\n\r\n")
        self.assertEqual(status, 400, answer[:300])  # the form's own answer: no address given
        self.assertIn(b"email", answer.lower())


class HeadersTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server([load_seed()]).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_every_kind_of_answer_carries_them(self):
        for path in ["/", "/columns/back-channel", "/feed.xml", "/no-such-page", "/admin/sign-in",
                     "/api/admin/articles", "/assets/style.css"]:
            with self.subTest(path):
                _, h, _ = self.server.get(path)
                csp = h["content-security-policy"]
                self.assertIn("script-src 'self'", csp)
                self.assertNotIn("unsafe-inline", csp)
                self.assertEqual(h["x-content-type-options"], "nosniff")
                self.assertEqual(h["referrer-policy"], "strict-origin-when-cross-origin")
                admin = path.startswith("/admin") or path.startswith("/api/")
                self.assertIn("frame-ancestors 'none'" if admin else "frame-ancestors 'self'", csp)
                self.assertNotIn("strict-transport-security", h)  # the demo is http

    def test_pages_have_no_inline_script(self):
        _, _, body = self.server.get("/columns/back-channel")
        for tag in re.findall(r"<script[^>]*>", body):
            self.assertTrue('src="/assets/' in tag or 'type="application/ld+json"' in tag, tag)
        self.assertNotRegex(body, r"\son[a-z]+=")

    def test_hsts_when_the_site_is_https(self):
        b = load_seed()
        b["publication"]["base_url"] = "https://news.example.org"
        server = Server([b]).start()
        try:
            _, h, _ = server.get("/")
            self.assertIn("max-age=", h["strict-transport-security"])
        finally:
            server.close()


class MetricsAccessTest(unittest.TestCase):
    def test_loopback_or_token_only(self):
        # A non-loopback address of this machine, if it has one.
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.connect(("10.255.255.255", 1))
                outside = s.getsockname()[0]
        except OSError:
            outside = None
        if not outside or outside.startswith("127."):
            self.skipTest("this machine has no non-loopback address")
        server = Server([load_seed()])
        port = server.port
        server.proc = subprocess.Popen([BIN, "--db", server.db, "serve", "--listen", "0.0.0.0:%d" % port,
                                        "--threads", "2", "--metrics-token", "s3cret-metrics"],
                                       stdout=server.log, stderr=subprocess.STDOUT)
        try:
            import http.client
            for _ in range(100):
                try:
                    server.get("/healthz")
                    break
                except OSError:
                    time.sleep(0.05)

            def get(host, headers=None):
                c = http.client.HTTPConnection(host, port, timeout=10)
                try:
                    c.request("GET", "/metrics", headers=headers or {})
                    r = c.getresponse()
                    return r.status, r.read().decode()
                finally:
                    c.close()

            self.assertEqual(get("127.0.0.1")[0], 200)
            # Through a reverse proxy on this host: not a loopback client.
            self.assertEqual(get("127.0.0.1", {"X-Forwarded-For": "203.0.113.9"})[0], 403)
            self.assertEqual(get("127.0.0.1", {"Forwarded": "for=203.0.113.9"})[0], 403)
            status, body = get(outside)
            self.assertEqual(status, 403)
            self.assertNotIn("newsdesk_http_requests_total", body)
            self.assertEqual(get(outside, {"Authorization": "Bearer wrong"})[0], 403)
            status, body = get(outside, {"Authorization": "Bearer s3cret-metrics"})
            self.assertEqual(status, 200)
            self.assertIn("newsdesk_http_requests_total", body)
        finally:
            server.close()


class SearchIsolationTest(unittest.TestCase):
    """An expensive search flood must not hold up other pages."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server([big_bundle(3000)], extra_args=[
            "--search-concurrency", "1", "--search-per-minute", "0", "--no-access-log"]).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_flood_beside_healthz_and_a_cached_page(self):
        server = self.server
        flood_q = "/search?q=" + "+".join(w + "*" for w in WORDS[:16])
        server.get("/columns/back-channel")  # cached from now on
        stop = time.time() + 6
        search_times, statuses = [], []
        lock = threading.Lock()

        def flood():
            while time.time() < stop:
                t = time.time()
                try:
                    status, _, _ = server.get(flood_q)
                except OSError:
                    status = None
                with lock:
                    statuses.append(status)
                    if status == 200:
                        search_times.append(time.time() - t)

        threads = [threading.Thread(target=flood) for _ in range(8)]
        for t in threads:
            t.start()
        time.sleep(0.5)
        quick = []
        while time.time() < stop - 0.5:
            for path in ("/healthz", "/columns/back-channel"):
                t = time.time()
                status, _, _ = server.get(path)
                quick.append(time.time() - t)
                self.assertEqual(status, 200, path)
        for t in threads:
            t.join()
        self.assertTrue(search_times, "no search finished at all: %r" % statuses[:20])
        # More clients than the lane holds: the rest are turned away at once.
        self.assertIn(503, statuses)
        self.assertTrue(set(statuses) <= {200, 503}, set(statuses))
        # Ordering, not a threshold: other pages never queue behind searches.
        self.assertLess(percentile(quick, 0.5), percentile(search_times, 0.5))
        self.assertLess(percentile(quick, 0.99), max(search_times) + 0.05)

    def test_a_query_past_its_budget_is_stopped_and_said_so(self):
        other = Server([], extra_args=["--search-budget-ms", "1", "--search-per-minute", "0"])
        own_db = other.db
        if on_postgres():
            other.db = self.server.db  # the same archive, served by a second process
        else:
            shutil.copy(self.server.db, other.db)
        other.start()
        try:
            status, _, body = other.get("/search?q=" + "+".join(WORDS[:6]))
            self.assertEqual(status, 200)
            self.assertIn("took too long", body)
            self.assertIn("stopped", other.read_log())
        finally:
            other.db = own_db
            other.close()

    def test_per_client_limit(self):
        other = Server([load_seed()], extra_args=["--search-per-minute", "5"]).start()
        try:
            got = [other.get("/search?q=syria")[0] for _ in range(7)]
            self.assertEqual(got[:5], [200] * 5)
            self.assertEqual(got[5:], [429, 429])
            status, h, body = other.get("/search?q=syria")
            self.assertEqual(h["retry-after"], "60")
            self.assertIn("Too many searches", body)
            self.assertEqual(other.get("/columns/back-channel")[0], 200)  # other pages unaffected
        finally:
            other.close()


class ConnectionLimitTest(unittest.TestCase):
    def start_limited(self, nofile, extra=()):
        server = Server([load_seed()])
        server.proc = subprocess.Popen(
            ["prlimit", "--nofile=%d" % nofile, BIN, "--db", server.db, "serve", "--listen",
             "127.0.0.1:%d" % server.port, "--threads", "2", "--no-access-log", *extra],
            stdout=server.log, stderr=subprocess.STDOUT)
        for _ in range(200):
            try:
                if server.get("/healthz")[0] == 200:
                    return server
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(server.read_log())

    def hold(self, server, n):
        held = []
        for _ in range(n):
            s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            held.append(s)
        return held

    def test_connections_past_the_cap_get_503_and_the_server_recovers(self):
        server = self.start_limited(256, ["--max-connections", "20"])
        held = []
        try:
            held = self.hold(server, 20)
            # Once the server has accepted all twenty (a loaded machine may take a
            # moment), the next connection is turned away.
            answer = b""
            for _ in range(100):
                answer = server.raw(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if answer.startswith(b"HTTP/1.1 503"):
                    break
                time.sleep(0.05)
            self.assertTrue(answer.startswith(b"HTTP/1.1 503"), answer[:100])
            self.assertIn(b"Retry-After", answer)
            for s in held:
                s.close()
            held = []
            for _ in range(100):
                try:
                    if server.get("/healthz")[0] == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.05)
            self.assertEqual(server.get("/healthz")[0], 200)
            self.assertGreater(metric(server, "newsdesk_http_connections_refused_total"), 0)
        finally:
            for s in held:
                s.close()
            server.close()

    def test_default_cap_follows_the_fd_limit(self):
        server = self.start_limited(128)
        held = []
        try:
            held = self.hold(server, 150)  # past the cap: answered 503 and closed, never EMFILE
            time.sleep(0.5)
            cpu_before = cpu_seconds(server.proc.pid)
            time.sleep(2)
            self.assertLess(cpu_seconds(server.proc.pid) - cpu_before, 0.5)  # not spinning
            self.assertNotIn("Too many open files", server.read_log())
        finally:
            for s in held:
                s.close()
            server.close()

    def test_out_of_file_descriptors_backs_off_and_logs_once_in_a_while(self):
        # A cap above what the fd limit allows: accept() itself fails with EMFILE.
        server = self.start_limited(64, ["--max-connections", "1000"])
        held = []
        try:
            for _ in range(120):
                try:
                    held.append(socket.create_connection(("127.0.0.1", server.port), timeout=2))
                except OSError:
                    break
            time.sleep(0.5)
            cpu_before = cpu_seconds(server.proc.pid)
            time.sleep(2)
            self.assertLess(cpu_seconds(server.proc.pid) - cpu_before, 0.5)  # not spinning
            log = server.read_log()
            self.assertIn("Too many open files", log)
            self.assertLessEqual(log.count("accept:"), 3, log[-2000:])
            for s in held:
                s.close()
            held = []
            ok = False
            for _ in range(100):
                try:
                    ok = server.get("/healthz")[0] == 200
                    if ok:
                        break
                except OSError:
                    time.sleep(0.1)
            self.assertTrue(ok)
        finally:
            for s in held:
                s.close()
            server.close()


class CacheFloodTest(unittest.TestCase):
    def test_unique_urls_neither_bloat_memory_nor_evict_a_hot_page(self):
        server = Server([load_seed()], extra_args=["--page-cache-mb", "2", "--no-access-log"]).start()
        try:
            hot = "/columns/back-channel"
            server.get(hot)
            server.get(hot)  # read twice: protected
            for i in range(300):  # warm up allocators before measuring
                server.get("/robots.txt?warm=%d" % i)
            rss_before = rss_kib(server.proc.pid)
            import http.client
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
            for i in range(6000):
                for path in ("/robots.txt?x=%d%s" % (i, "q" * 300),
                             "/articles/missing-%d-%s" % (i, "k" * 300)):
                    conn.request("GET", path)
                    r = conn.getresponse()
                    r.read()
                    self.assertIn(r.status, (200, 404))
            conn.close()
            grown = rss_kib(server.proc.pid) - rss_before
            self.assertLess(grown, 24 * 1024, "RSS grew by %d KiB" % grown)
            misses = metric(server, "newsdesk_page_cache_misses_total")
            self.assertEqual(server.get(hot)[0], 200)
            self.assertEqual(metric(server, "newsdesk_page_cache_misses_total"), misses)  # a hit
            # /robots.txt with any unknown parameter is the same entry.
            hits = metric(server, "newsdesk_page_cache_hits_total")
            server.get("/robots.txt?utm_source=newsletter")
            self.assertEqual(metric(server, "newsdesk_page_cache_hits_total"), hits + 1)
        finally:
            server.close()

    def test_not_found_pages_are_cached(self):
        server = Server([load_seed()]).start()
        try:
            self.assertEqual(server.get("/sitemaps/99.xml")[0], 404)
            misses = metric(server, "newsdesk_page_cache_misses_total")
            self.assertEqual(server.get("/sitemaps/99.xml")[0], 404)
            self.assertEqual(metric(server, "newsdesk_page_cache_misses_total"), misses)
        finally:
            server.close()


class PublishRaceTest(unittest.TestCase):
    def test_a_contributors_patch_never_undoes_a_publish(self):
        server = Server([load_seed()], extra_args=["--no-access-log"]).start()
        try:
            tokens = {}
            for role in ("contributor", "author"):
                r = run_cli(server.db, "token", "create", "--name", role, "--role", role)
                tokens[role] = r.stdout.strip()
            import http.client

            def call(role, method, path, body=None):
                c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
                try:
                    c.request(method, "/api/admin" + path, body=json.dumps(body) if body is not None else None,
                              headers={"Authorization": "Bearer " + tokens[role],
                                       "Content-Type": "application/json"})
                    r = c.getresponse()
                    return r.status, r.read()
                finally:
                    c.close()

            lost, conflicts = 0, 0
            when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60))
            for i in range(300):
                slug = "race-%d" % i
                a = article(slug, when, status="draft")
                self.assertEqual(call("contributor", "POST", "/articles", a)[0], 201)
                results = {}

                def edit():
                    while True:
                        status, _ = call("contributor", "PATCH", "/articles/" + slug, {"title": "Edited %d" % i})
                        if status != 412:
                            results["edit"] = status
                            return

                def publish():
                    while True:
                        status, _ = call("author", "PATCH", "/articles/" + slug, {"status": "published"})
                        if status != 412:
                            results["publish"] = status
                            return

                threads = [threading.Thread(target=edit), threading.Thread(target=publish)]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                self.assertEqual(results["publish"], 200)
                self.assertIn(results["edit"], (200, 403))  # 403: it was already published
                status, body = call("author", "GET", "/articles/" + slug)
                if json.loads(body)["status"] != "published":
                    lost += 1
            self.assertEqual(lost, 0)
        finally:
            server.close()

    def test_if_match(self):
        server = Server([load_seed()]).start()
        try:
            token = run_cli(server.db, "token", "create", "--name", "e", "--role", "editor").stdout.strip()
            slug = load_seed()["articles"][0]["slug"]
            h = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
            status, headers, _ = server.request("GET", "/api/admin/articles/" + slug, headers=h)
            etag = headers["etag"]
            status, headers2, _ = server.request("PATCH", "/api/admin/articles/" + slug,
                                                 body=json.dumps({"title": "First save"}),
                                                 headers=dict(h, **{"If-Match": etag}))
            self.assertEqual(status, 200)
            self.assertNotEqual(headers2["etag"], etag)
            status, _, body = server.request("PATCH", "/api/admin/articles/" + slug,
                                             body=json.dumps({"title": "Stale save"}),
                                             headers=dict(h, **{"If-Match": etag}))
            self.assertEqual(status, 412)
            self.assertEqual(json.loads(body)["error"]["code"], "stale")
            _, _, body = server.request("GET", "/api/admin/articles/" + slug, headers=h)
            self.assertEqual(json.loads(body)["title"], "First save")
        finally:
            server.close()


class ConfirmationLimitTest(unittest.TestCase):
    def test_one_address_gets_at_most_three_confirmations_a_day(self):
        smtp = SmtpPeer().start()
        server = Server([load_seed()], extra_args=["--smtp-url", smtp.url, "--subscribe-limit", "100"]).start()
        try:
            for _ in range(6):
                status, _, _ = server.request("POST", "/newsletter/subscribe", body="email=target%40example.com",
                                              headers={"Content-Type": "application/x-www-form-urlencoded"})
                self.assertEqual(status, 200)
            got = smtp.wait_for(3, to="target@example.com", timeout=10)
            time.sleep(1.5)
            got = smtp.messages(to="target@example.com")
            self.assertEqual(len(got), 3)
            # The last token mailed still works: the refused requests did not replace
            # it. (Mails may arrive in any order: exactly one of the three works.)
            worked = 0
            for msg in got:
                token = re.search(r"token=([A-Za-z0-9_\-]+)", msg.get_body(("plain",)).get_content()).group(1)
                status, _, body = server.request("POST", "/newsletter/confirm", body="token=" + token,
                                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
                if status == 200 and "subscribed" in body:
                    worked += 1
            self.assertEqual(worked, 1)
            # Another address is not affected.
            server.request("POST", "/newsletter/subscribe", body="email=other%40example.com",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
            self.assertEqual(len(smtp.wait_for(1, to="other@example.com")), 1)
        finally:
            server.close()
            smtp.stop()


class AccountsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server([load_seed()]).start()
        for email, role in (("ed@example.com", "editor"), ("admin@example.com", "admin")):
            r = run_cli(cls.server.db, "user", "add", "--email", email, "--name", role, "--role", role,
                        stdin="a long password\n")
            assert r.returncode == 0, r.stderr

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def post(self, path, fields, cookie=None):
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if cookie:
            headers["Cookie"] = cookie
        return self.server.request("POST", path, body=urllib.parse.urlencode(fields), headers=headers)

    def sign_in(self, email):
        status, headers, _ = self.post("/admin/sign-in", {"email": email, "password": "a long password"})
        self.assertEqual(status, 303)
        return headers["set-cookie"].split(";")[0]

    def test_sign_out_with_a_wrong_csrf_token_changes_nothing(self):
        cookie = self.sign_in("ed@example.com")
        status, headers, _ = self.post("/admin/sign-out", {"csrf": "forged"}, cookie)
        self.assertEqual(status, 403)
        self.assertNotIn("set-cookie", headers)
        self.assertEqual(self.server.get("/admin", {"Cookie": cookie})[0], 200)  # still signed in
        _, _, page = self.server.get("/admin", {"Cookie": cookie})
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        status, headers, _ = self.post("/admin/sign-out", {"csrf": csrf}, cookie)
        self.assertEqual(status, 303)
        self.assertEqual(self.server.get("/admin", {"Cookie": cookie})[0], 303)  # session over

    def test_tokens_are_listed_and_revoked(self):
        token = run_cli(self.server.db, "token", "create", "--name", "deploy-bot", "--role", "editor").stdout.strip()
        h = {"Authorization": "Bearer " + token}
        self.assertEqual(self.server.get("/api/admin/articles", h)[0], 200)
        listed = run_cli(self.server.db, "token", "list")
        self.assertEqual(listed.returncode, 0)
        self.assertNotIn(token, listed.stdout)
        line = [l for l in listed.stdout.splitlines() if "deploy-bot" in l][0]
        self.assertNotIn("never", line)  # last use is shown
        token_id = line.split()[0]
        self.assertEqual(run_cli(self.server.db, "token", "revoke", token_id).returncode, 0)
        self.assertEqual(self.server.get("/api/admin/articles", h)[0], 401)
        self.assertEqual(run_cli(self.server.db, "token", "revoke", token_id).returncode, 1)

    def test_users_are_listed_and_removed_and_the_last_admin_stays(self):
        run_cli(self.server.db, "user", "add", "--email", "leaver@example.com", "--name", "Leaver", "--role",
                "author", stdin="a long password\n")
        cookie = self.sign_in("leaver@example.com")
        self.assertIn("leaver@example.com", run_cli(self.server.db, "user", "list").stdout)
        self.assertEqual(run_cli(self.server.db, "user", "remove", "--email", "leaver@example.com").returncode, 0)
        self.assertEqual(self.server.get("/admin", {"Cookie": cookie})[0], 303)  # their session ended
        r = run_cli(self.server.db, "user", "remove", "--email", "admin@example.com")
        self.assertEqual(r.returncode, 1)
        self.assertIn("last admin", r.stderr)


class ControlCharactersTest(unittest.TestCase):
    def test_they_never_reach_a_page_or_act_as_snippet_markers(self):
        b = load_seed()
        b["articles"].append(article("controls", "2016-09-30T10:00:00Z", title="Bell\x07 and\x01 nul-ish \x1b[31m",
                                     summary="Marker\x02 bytes\x03 here",
                                     body="Zebrafish\x02 appear\x03 in the \x0cbody."))
        server = Server([b]).start()
        try:
            for path in ("/articles/controls", "/columns/back-channel", "/search?q=zebrafish", "/feed.xml"):
                _, _, body = server.get(path)
                self.assertIsNone(re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", body), path)
            _, _, body = server.get("/search?q=zebrafish")
            self.assertIn("<mark>Zebrafish</mark> appear", body)
            self.assertEqual(body.count("<mark>"), body.count("</mark>"))
        finally:
            server.close()


@sqlite_only("fills the disk under a SQLite file")
class FullDiskTest(unittest.TestCase):
    def test_api_and_subscribe_answer_their_documented_errors(self):
        if os.geteuid() != 0:
            self.skipTest("mounting a small tmpfs needs root")
        mnt = tempfile.mkdtemp(prefix="newsdesk-full-")
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mnt], capture_output=True, text=True)
        if r.returncode != 0:
            self.skipTest("cannot mount a tmpfs here: " + r.stderr.strip())
        server = None
        try:
            server = Server([load_seed()])
            db = os.path.join(mnt, "site.db")
            shutil.copy(server.db, db)
            server.db = db
            server.start()
            token = run_cli(db, "token", "create", "--name", "e", "--role", "editor").stdout.strip()
            filler = os.path.join(mnt, "filler")
            subprocess.run(["dd", "if=/dev/zero", "of=" + filler, "bs=64k"], capture_output=True)
            big = "word " * 200000
            status, headers, body = server.request(
                "POST", "/api/admin/articles",
                body=json.dumps(article("too-big", "2016-09-30T10:00:00Z", body=big)),
                headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
            self.assertEqual(status, 503, body[:300])
            self.assertTrue(headers["content-type"].startswith("application/json"))
            self.assertEqual(json.loads(body)["error"]["code"], "unavailable")
            status, headers, body = server.request(
                "POST", "/newsletter/subscribe", body="email=" + "a" * 50 + "%40example.com",
                headers={"Content-Type": "application/x-www-form-urlencoded"})
            self.assertIn(status, (200, 503))  # a tiny write may still fit
            if status == 503:
                self.assertTrue(headers["content-type"].startswith("text/html"))
                self.assertIn("Try again", body)
            os.remove(filler)
            status, _, _ = server.request(
                "POST", "/api/admin/articles", body=json.dumps(article("fits-now", "2016-09-30T10:00:00Z")),
                headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
            self.assertEqual(status, 201)
            self.assertEqual(server.get("/articles/too-big")[0], 404)  # nothing half-stored
        finally:
            if server:
                server.stop()
            subprocess.run(["umount", "-l", mnt])
            if server:
                server.close()


class BackupRestoreTest(unittest.TestCase):
    """On either engine a backup is one SQLite file; it restores into either."""

    def test_backup_while_serving_restores_into_a_fresh_folder_with_identical_pages(self):
        server = Server([big_bundle(200)], extra_args=["--no-access-log"]).start()
        fresh = tempfile.mkdtemp(prefix="newsdesk-restore-")
        restored = None
        try:
            token = run_cli(server.db, "token", "create", "--name", "w", "--role", "editor").stdout.strip()
            stop = threading.Event()

            def write():  # keep writing while the backup runs
                i = 0
                while not stop.is_set():
                    server.request("POST", "/api/admin/articles",
                                   body=json.dumps(article("during-%d" % i, "2016-09-30T10:00:00Z")),
                                   headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
                    i += 1

            writer = threading.Thread(target=write)
            writer.start()
            time.sleep(0.3)
            backup = os.path.join(fresh, "backup.db")
            r = run_cli(server.db, "backup", "--out", backup)
            stop.set()
            writer.join()
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(run_cli(server.db, "backup", "--out", backup).returncode, 1)  # never overwrites
            db = os.path.join(fresh, "site.db")
            r = run_cli(db, "restore", backup)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(run_cli(db, "restore", backup).returncode, 1)  # needs --force now
            restored = Server([])
            if on_postgres():  # the backup into a PostgreSQL database
                r = run_cli(restored.db, "restore", backup)
                self.assertEqual(r.returncode, 0, r.stderr)
            else:
                shutil.copy(db, restored.db)
            restored.start()
            # The live site has moved on since; compare with a second backup's state instead:
            # every page of the restored site must equal the original for what the backup holds.
            for path in ("/columns/back-channel", "/articles/bulk-00042", "/authors/laura-rozen?page=3",
                         "/tags/syria", "/sitemap.xml"):
                s1, _, b1 = restored.get(path)
                self.assertEqual(s1, 200, path)
            server.stop()
            server.proc = None
            if on_postgres():
                r = run_cli(server.db, "restore", backup)
                self.assertEqual(r.returncode, 1)  # it has a site: --force
                self.assertIn("--force", r.stderr)
                r = run_cli(server.db, "restore", "--force", backup)
                self.assertEqual(r.returncode, 0, r.stderr)
            else:
                shutil.copy(backup, server.db)
                for ext in ("-wal", "-shm"):
                    if os.path.exists(server.db + ext):
                        os.remove(server.db + ext)
            server.start()
            for path in ("/columns/back-channel", "/articles/bulk-00042", "/authors/laura-rozen?page=3",
                         "/feed.xml", "/sitemap.xml", "/search?q=treaty"):
                a, b = server.get(path), restored.get(path)
                self.assertEqual((a[0], a[2]), (b[0], b[2]), path)
            with open(backup, "rb") as f:
                self.assertEqual(f.read(16), b"SQLite format 3\x00")
            self.assertFalse(os.path.exists(backup + "-wal"))
        finally:
            if restored:
                restored.close()
            server.close()
            shutil.rmtree(fresh, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
