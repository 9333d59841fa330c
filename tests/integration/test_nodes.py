"""Several app nodes on one database: what one node writes, every node shows.

On PostgreSQL (NEWSDESK_TEST_PG_URL) these are the several-machine setup of
docs/deploy.md; on SQLite the nodes are processes sharing one file.
"""
import os
import re
import shutil
import signal
import subprocess
import collections
import tempfile
import threading
import time
import sys
import unittest
import urllib.parse

from admin_client import api
from harness import ROOT, Server, article, connect_db, free_port, load_seed, on_postgres, run_cli
from smtp_peer import SmtpPeer
from test_newsletter import add_confirmed, mail_args, news, outbox


def title_of(page):
    start = page.find("<h1")
    return page[page.find(">", start) + 1:page.find("</h1>", start)]


class ThreeNodesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a = Server([load_seed()]).start()
        cls.b = Server(db=cls.a.db).start()
        cls.c = Server(db=cls.a.db).start()
        cls.token = run_cli(cls.a.db, "token", "create", "--name", "nodes", "--role", "editor").stdout.strip()

    @classmethod
    def tearDownClass(cls):
        for node in (cls.c, cls.b, cls.a):
            node.close()

    def seen_everywhere(self, path, text, nodes):
        """Polls each node for `text` at `path`; the seconds until all showed it."""
        start = time.time()
        waiting = list(nodes)
        while waiting and time.time() - start < 5:
            waiting = [n for n in waiting if text not in n.get(path)[2]]
            if waiting:
                time.sleep(0.05)
        self.assertEqual(waiting, [], "%s never showed %r" % (path, text))
        return time.time() - start

    def test_an_edit_on_one_node_shows_on_the_others_within_a_second(self):
        slug = "us-threatens-to-halt-talks-with-russia-on-syria"
        path = "/articles/" + slug
        for node in (self.a, self.b, self.c):  # cached on every node from here on
            self.assertEqual(node.get(path)[0], 200)
            self.assertEqual(node.get("/columns/back-channel")[0], 200)
        status, _, body = api(self.a, "PATCH", "/api/admin/articles/" + slug, self.token,
                              {"title": "Edited on node A"})
        self.assertEqual(status, 200, body)
        took = self.seen_everywhere(path, "Edited on node A", [self.b, self.c])
        self.assertLess(took, 1.0)
        self.seen_everywhere("/columns/back-channel", "Edited on node A", [self.b, self.c])
        self.assertEqual(title_of(self.b.get(path)[2]), title_of(self.c.get(path)[2]))

    def test_a_new_article_and_a_deletion_show_everywhere(self):
        when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60))
        for node in (self.a, self.b, self.c):
            node.get("/")
        status, _, body = api(self.b, "POST", "/api/admin/articles", self.token,
                              article("from-node-b", when, title="Written on node B"))
        self.assertEqual(status, 201, body)
        self.seen_everywhere("/", "Written on node B", [self.a, self.c])
        self.seen_everywhere("/feed.xml", "Written on node B", [self.a, self.c])
        status, _, _ = api(self.c, "DELETE", "/api/admin/articles/from-node-b", self.token)
        self.assertIn(status, (200, 204))
        start = time.time()
        while time.time() - start < 5 and any(n.get("/articles/from-node-b")[0] != 404 for n in (self.a, self.b)):
            time.sleep(0.05)
        self.assertEqual([n.get("/articles/from-node-b")[0] for n in (self.a, self.b)], [404, 404])


    def form(self, node, path, fields):
        body = "&".join("%s=%s" % (k, urllib.parse.quote(v, safe="")) for k, v in fields.items())
        return node.request("POST", path, body=body,
                            headers={"Content-Type": "application/x-www-form-urlencoded"})

    def test_failed_sign_ins_count_on_every_node_together(self):
        r = run_cli(self.a.db, "user", "add", "--email", "guessed@example.com", "--name", "Guessed", "--role",
                    "editor", stdin="the right password\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        # Ten wrong guesses spread over three nodes are ten against the account:
        # a guesser cannot get three times the tries by switching nodes.
        for node in [self.a] * 4 + [self.b] * 3 + [self.c] * 3:
            self.assertEqual(self.form(node, "/admin/sign-in", {"email": "guessed@example.com",
                                                                "password": "guess"})[0], 401)
        for node in (self.a, self.b, self.c):
            status, headers, body = self.form(node, "/admin/sign-in", {"email": "guessed@example.com",
                                                                       "password": "the right password"})
            self.assertEqual(status, 429, body)
            self.assertGreater(int(headers["retry-after"]), 800)

    def test_newsletter_sign_ups_count_on_every_node_together(self):
        # Ten an hour from one address (serve --subscribe-limit), whichever node takes them.
        codes = [self.form(node, "/newsletter/subscribe", {"email": "n%d@example.com" % i})[0]
                 for i, node in enumerate([self.a, self.b, self.c] * 4)]
        self.assertEqual(codes, [200] * 10 + [429] * 2)


class NewsletterOnThreeNodesTest(unittest.TestCase):
    CONNECTIONS = 2
    READERS = 1500

    def test_a_scheduled_article_goes_out_once_while_nodes_are_killed_and_restarted(self):
        smtp = SmtpPeer().start()
        smtp.handler.delay = 0.01
        args = mail_args(smtp, "--mail-connections", str(self.CONNECTIONS))
        a = Server([load_seed()], extra_args=args)
        nodes = [a, Server(db=a.db, extra_args=args), Server(db=a.db, extra_args=args)]
        addresses = ["reader%04d@example.com" % i for i in range(self.READERS)]
        add_confirmed(a.db, addresses)
        try:
            for node in nodes:
                node.start()
            # Scheduled three seconds ahead: every node's scheduler sees it come due.
            a.import_bundle(news("three-node-story", title="Three node story", delay=3, status="scheduled"))
            kills = 0
            for victim, after in ((nodes[1], 200), (nodes[0], 600), (nodes[2], 1000)):
                deadline = time.time() + 60
                while len(smtp.messages()) < after and time.time() < deadline:
                    time.sleep(0.005)
                victim.kill()  # SIGKILL mid-send: its claims and the message on the wire are cut off
                kills += 1
                self.assertLess(len(smtp.messages()), self.READERS, "the send ended before node %d was killed" % kills)
                victim.start()
            deadline = time.time() + 120
            while time.time() < deadline:
                if {m["X-Envelope-To"] for m in smtp.messages(subject="Three node story")} >= set(addresses):
                    break
                time.sleep(0.1)
            time.sleep(1.5)  # anything sent twice would arrive by now
            mails = smtp.messages(subject="Three node story")
            received = [m["X-Envelope-To"] for m in mails]
            self.assertEqual(set(received), set(addresses), "every subscriber got the email")
            # Only a message on the wire when its node died can go twice: the
            # server took it, the node died before noting it sent.
            duplicates = len(received) - len(set(received))
            self.assertLessEqual(duplicates, kills * self.CONNECTIONS)
            self.assertEqual(len({m["Message-ID"] for m in mails}), self.READERS, "one issue, not one per node")
            self.assertEqual(outbox(a.db, "SELECT state, COUNT(*) FROM outbox GROUP BY state"),
                             [("sent", self.READERS)])
            for node in nodes:
                self.assertEqual(node.get("/articles/three-node-story")[0], 200)
            print("\n  newsletter on three nodes, %d SIGKILLs: %d emails, %d sent twice"
                  % (kills, len(received), duplicates), file=sys.stderr)
        finally:
            for node in nodes:
                node.close()
            smtp.stop()


@unittest.skipUnless(shutil.which("nginx"), "needs nginx")
class NginxInFrontTest(unittest.TestCase):
    """docs/deploy/nginx-newsdesk.conf, as written, in front of two nodes."""

    def test_requests_reach_either_node_and_survive_one_going_down(self):
        a = Server([load_seed()], extra_args=["--trusted-proxy", "127.0.0.1"]).start()
        b = Server(db=a.db, extra_args=["--trusted-proxy", "127.0.0.1"]).start()
        prefix = tempfile.mkdtemp(prefix="newsdesk-nginx-")
        nginx = None
        try:
            with open(os.path.join(ROOT, "docs", "deploy", "nginx-newsdesk.conf"), encoding="utf-8") as f:
                site = f.read()
            port = free_port()
            site = site.replace("10.0.0.11:8080", "127.0.0.1:%d" % a.port)
            site = site.replace("10.0.0.12:8080", "127.0.0.1:%d" % b.port)
            site = re.sub(r"listen 80;", "listen 127.0.0.1:%d;" % port, site)
            with open(os.path.join(prefix, "site.conf"), "w", encoding="utf-8") as f:
                f.write(site)
            with open(os.path.join(prefix, "nginx.conf"), "w", encoding="utf-8") as f:
                f.write("pid %s/nginx.pid;\nerror_log %s/error.log;\nevents {}\n"
                        "http {\n access_log off;\n client_body_temp_path %s;\n proxy_temp_path %s;\n"
                        " include %s/site.conf;\n}\n" % (prefix, prefix, prefix, prefix, prefix))
            nginx = subprocess.Popen(["nginx", "-p", prefix, "-c", os.path.join(prefix, "nginx.conf"),
                                      "-g", "daemon off; user root;" if os.geteuid() == 0 else "daemon off;"])
            front = Server.__new__(Server)  # only its HTTP helpers, aimed at nginx
            front.port = port
            deadline = time.time() + 10
            while time.time() < deadline:
                try:
                    if front.get("/healthz")[0] == 200:
                        break
                except OSError:
                    time.sleep(0.05)
            served = [front.get("/columns/back-channel")[0] for _ in range(10)]
            self.assertEqual(served, [200] * 10)
            self.assertIn("GET /columns/back-channel", a.read_log())
            self.assertIn("GET /columns/back-channel", b.read_log())  # round robin: both served
            b.kill()  # a node dies: every request still gets its page
            served = [front.get("/columns/back-channel")[0] for _ in range(10)]
            self.assertEqual(served, [200] * 10)
        finally:
            if nginx:
                nginx.send_signal(signal.SIGQUIT)
                nginx.wait(timeout=10)
            b.close()
            a.close()
            shutil.rmtree(prefix, ignore_errors=True)


@unittest.skipUnless(on_postgres() and os.environ.get("NEWSDESK_TEST_PG_DIR"),
                     "restarts the PostgreSQL server that tests/with-postgres started")
class DatabaseRestartTest(unittest.TestCase):
    def test_a_restart_under_load_answers_503_at_worst_and_loses_no_write(self):
        args = ["--page-cache-mb", "0", "--search-per-minute", "0", "--no-access-log"]
        a = Server([load_seed()], extra_args=args).start()
        b = Server(db=a.db, extra_args=args).start()
        try:
            token = run_cli(a.db, "token", "create", "--name", "load", "--role", "editor").stdout.strip()
            when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60))
            stop = threading.Event()
            lock = threading.Lock()
            statuses = collections.Counter()
            written = []

            def read(node):
                while not stop.is_set():
                    for path in ("/columns/back-channel", "/search?q=syria"):
                        try:
                            s = node.get(path)[0]
                        except OSError as e:
                            s = "connection: %s" % e
                        with lock:
                            statuses[s] += 1

            def write(node, k):
                i = 0
                while not stop.is_set():
                    slug = "load-%d-%d" % (k, i)
                    try:
                        s = api(node, "POST", "/api/admin/articles", token, article(slug, when))[0]
                    except OSError as e:
                        s = "connection: %s" % e
                    with lock:
                        statuses[s] += 1
                        if s == 201:
                            written.append(slug)
                    i += 1

            threads = [threading.Thread(target=read, args=(n,)) for n in (a, b, a, b)]
            threads += [threading.Thread(target=write, args=(n, k)) for k, n in enumerate((a, b))]
            for t in threads:
                t.start()
            time.sleep(1)
            r = subprocess.run([os.path.join(ROOT, "scripts", "pg-throwaway"), "restart",
                                os.environ["NEWSDESK_TEST_PG_DIR"]], capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            time.sleep(2)
            stop.set()
            for t in threads:
                t.join()
            # Nothing but pages, saves and "try again shortly".
            self.assertLessEqual(set(statuses), {200, 201, 503}, statuses)
            self.assertIsNone(a.proc.poll())
            self.assertIsNone(b.proc.poll())
            # Both nodes serve again, and every save that was answered 201 is there.
            self.assertEqual(a.get("/columns/back-channel")[0], 200)
            self.assertEqual(b.get("/search?q=syria")[0], 200)
            self.assertGreater(len(written), 0)
            for slug in written:
                self.assertEqual(api(b, "GET", "/api/admin/articles/" + slug, token)[0], 200, slug)
        finally:
            b.close()
            a.close()


if __name__ == "__main__":
    unittest.main()


@unittest.skipUnless(on_postgres(), "a PostgreSQL streaming replica")
class StreamingReplicaTest(unittest.TestCase):
    """docs/deploy.md's failover: the primary dies, its streaming replica is
    promoted, nodes pointed at it carry on with every committed edit."""

    def throwaway(self, *args):
        r = subprocess.run([os.path.join(ROOT, "scripts", "pg-throwaway"), *args], capture_output=True, text=True,
                           timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout.strip()

    def test_a_promoted_replica_has_every_committed_edit_and_takes_writes(self):
        primary_dir = tempfile.mkdtemp(prefix="newsdesk-primary-")
        standby_dir = tempfile.mkdtemp(prefix="newsdesk-standby-")
        nodes = []
        try:
            primary = self.throwaway("start", primary_dir)
            standby = self.throwaway("standby", primary_dir, standby_dir)
            a = Server([load_seed()], db=primary).start()
            nodes.append(a)
            token = run_cli(primary, "token", "create", "--name", "failover", "--role", "editor").stdout.strip()
            slug = "us-threatens-to-halt-talks-with-russia-on-syria"
            status, _, body = api(a, "PATCH", "/api/admin/articles/" + slug, token, {"title": "Before the failover"})
            self.assertEqual(status, 200, body)
            # Asynchronous replication: the edit reaches the replica within moments.
            deadline = time.time() + 10
            replica = connect_db(standby)
            rows = None
            while time.time() < deadline:
                try:
                    rows = replica.execute("SELECT title FROM articles WHERE slug = ?", (slug,)).fetchall()
                except RuntimeError:  # the schema itself may not have been replayed there yet
                    rows = None
                if rows == [("Before the failover",)]:
                    break
                time.sleep(0.1)
            replica.close()
            self.assertEqual(rows, [("Before the failover",)])

            self.throwaway("crash", primary_dir)  # the primary's machine dies
            self.assertEqual(a.get("/search?q=syria")[0], 503)  # what needs the database: 503, no crash
            self.throwaway("promote", standby_dir)
            b = Server(db=standby).start()  # a node pointed at the new primary
            nodes.append(b)
            self.assertIn("Before the failover", b.get("/articles/" + slug)[2])
            status, _, body = api(b, "PATCH", "/api/admin/articles/" + slug, token, {"title": "After the failover"})
            self.assertEqual(status, 200, body)
            self.assertIn("After the failover", b.get("/articles/" + slug)[2])
        finally:
            for node in nodes:
                node.close()
            subprocess.run([os.path.join(ROOT, "scripts", "pg-throwaway"), "stop", standby_dir], timeout=60)
            subprocess.run([os.path.join(ROOT, "scripts", "pg-throwaway"), "stop", primary_dir], timeout=60)
