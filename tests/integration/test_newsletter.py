"""The newsletter end to end against a real SMTP server on loopback."""
import email
import email.header
import email.policy
import email.utils
import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.parse

from harness import Server, article, load_seed, run_cli, free_port, connect_db
from smtp_peer import SmtpPeer

FROM = "Al-Monitor <newsletter@al-monitor.test>"


def iso(ts):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def news(slug, title=None, column="back-channel", delay=-60, status="published"):
    return {"newsdesk_bundle": 1,
            "articles": [article(slug, iso(time.time() + delay), title=title, column=column, status=status)]}


def other_column():
    return {"newsdesk_bundle": 1,
            "columns": [{"slug": "pulse", "name": "Pulse", "title": "Israel Pulse", "description": ""}]}


def token_of(msg, kind):
    text = msg.get_body(preferencelist=("plain",)).get_content()
    m = re.search(r"/newsletter/%s\?token=([A-Za-z0-9._-]+)" % kind, text)
    assert m, text
    return m.group(1)


def mail_args(smtp, *extra):
    return ["--smtp-url", smtp.url, "--mail-from", FROM, "--mail-retry-base", "1", "--subscribe-limit", "1000",
            *extra]


class NewsletterFlowTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.smtp = SmtpPeer().start()
        cls.server = Server([load_seed(), other_column()], extra_args=mail_args(cls.smtp)).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()
        cls.smtp.stop()

    def subscribe(self, address, column=""):
        body = urllib.parse.urlencode({"email": address, "column": column})
        return self.server.request("POST", "/newsletter/subscribe", body=body,
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})

    def confirm(self, address, mails=1):
        # Each subscribe request mails a new token and voids the one before; with
        # several mails in flight they may arrive in any order, so exactly one works.
        msgs = self.smtp.wait_for(mails, to=address, subject="Confirm your subscription to Al-Monitor")
        self.assertEqual(len(msgs), mails, "confirmation mails for " + address)
        results = []
        for msg in msgs:
            token = token_of(msg, "confirm")
            status, _, body = self.server.get("/newsletter/confirm?token=" + token)
            self.assertEqual(status, 200)
            self.assertIn("Confirm my subscription", body)  # a GET only shows the button
            status, _, body = self.server.request("POST", "/newsletter/confirm", body="token=" + token,
                                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
            results.append((status, token, body))
        confirmed = [r for r in results if r[0] == 200]
        self.assertEqual(len(confirmed), 1, [r[0] for r in results])
        self.assertIn("You are subscribed", confirmed[0][2])
        return confirmed[0][1]

    @unittest.skipUnless(shutil.which("spamassassin"), "SpamAssassin (Debian spamassassin) is not installed")
    def test_every_email_kind_scores_low_with_spamassassin(self):
        # Issue #13's bar: at most 0.5 on each kind, scored offline (-L: no
        # network tests) with Debian's rules, as a receiving server would.
        reader = "spam-check@example.com"
        self.subscribe(reader)
        self.confirm(reader)
        self.server.import_bundle(news("spam-check", title="Kerry and Lavrov meet in Geneva"))
        article = self.smtp.wait_for(1, to=reader, subject="Kerry and Lavrov meet in Geneva", timeout=10)[0]
        confirmation = self.smtp.messages(to=reader, subject="Confirm your subscription to Al-Monitor")[0]
        for kind, msg in [("confirmation", confirmation), ("article", article)]:
            r = subprocess.run(["spamassassin", "-t", "-L"], input=msg.raw, capture_output=True, timeout=120)
            head = r.stdout.split(b"\r\n\r\n")[0].split(b"\n\n")[0].decode("utf-8", "replace")
            status = re.search(r"X-Spam-Status: \w+, score=(-?[\d.]+)[^\n]*(?:\n\s+[^\n]*)*", head)
            self.assertIsNotNone(status, head)
            self.assertLessEqual(float(status.group(1)), 0.5, kind + ": " + status.group(0))

    def test_form_page(self):
        status, _, body = self.server.get("/newsletter")
        self.assertEqual(status, 200)
        self.assertIn('action="/newsletter/subscribe"', body)
        self.assertIn('name="email"', body)
        self.assertIn('<option value="pulse">Israel Pulse only</option>', body)

    def test_subscribe_confirm_deliver_unsubscribe(self):
        reader, lurker = "reader@example.com", "lurker@example.com"
        status, _, page = self.subscribe(reader)
        self.assertEqual(status, 200)
        self.subscribe(lurker)  # never confirms
        token = self.confirm(reader)
        # The confirmation token works once.
        status, _, _ = self.server.request("POST", "/newsletter/confirm?token=" + token, body="")
        self.assertEqual(status, 400)

        title = "Ünïcode headline — Kerry & Lavrov <meet>"
        self.server.import_bundle(news("flow-one", title=title))
        msgs = self.smtp.wait_for(1, to=reader, subject=title, timeout=10)
        self.assertEqual(len(msgs), 1, "one email within 10 seconds")
        m = msgs[0]
        self.assertEqual(m.get_content_type(), "multipart/alternative")
        self.assertEqual(str(m["Subject"]), title)
        raw_head = m.raw.split(b"\r\n\r\n")[0]
        self.assertIn(b"Subject: =?UTF-8?B?", raw_head)  # RFC 2047
        self.assertTrue(all(b < 0x80 for b in raw_head), "headers are 7-bit")
        self.assertEqual(m["From"].addresses[0].addr_spec, "newsletter@al-monitor.test")
        self.assertRegex(m["Message-ID"], r"^<newsletter\.a\d+\.s\d+@127\.0\.0\.1>$")
        self.assertTrue(m["Date"])
        self.assertEqual(m["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")
        self.assertEqual(m["List-Id"], "<newsletter.127.0.0.1>")
        unsub = re.fullmatch(r"<(http://127\.0\.0\.1:8080/newsletter/unsubscribe\?token=[A-Za-z0-9._-]+)>",
                             str(m["List-Unsubscribe"]))
        self.assertTrue(unsub, m["List-Unsubscribe"])
        plain = m.get_body(preferencelist=("plain",)).get_content()
        html = m.get_body(preferencelist=("html",)).get_content()
        self.assertIn(title, plain)
        self.assertIn("Ünïcode headline — Kerry &amp; Lavrov &lt;meet&gt;", html)
        self.assertIn(unsub.group(1).replace("&", "&amp;"), html)
        self.assertEqual(self.smtp.messages(to=lurker, subject=title), [], "unconfirmed addresses get nothing")

        # One-click unsubscribe (RFC 8058) answers 200 and takes effect at once.
        path = urllib.parse.urlsplit(unsub.group(1))
        status, _, body = self.server.get(path.path + "?" + path.query)
        self.assertEqual(status, 200)
        self.assertIn("Unsubscribe", body)
        status, _, body = self.server.request("POST", path.path + "?" + path.query,
                                              body="List-Unsubscribe=One-Click",
                                              headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 200)
        self.server.import_bundle(news("flow-two", title="After unsubscribing"))
        time.sleep(3)
        self.assertEqual(self.smtp.messages(to=reader, subject="After unsubscribing"), [])
        status, _, _ = self.server.request("POST", "/newsletter/unsubscribe?token=1.forged", body="")
        self.assertEqual(status, 400)

    def test_scheduled_article_is_mailed_when_its_time_comes(self):
        address = "scheduled@example.com"
        self.subscribe(address)
        self.confirm(address)
        self.server.import_bundle(news("sched-one", title="Scheduled story", delay=3, status="scheduled"))
        self.assertEqual(self.smtp.messages(to=address, subject="Scheduled story"), [])
        self.assertEqual(len(self.smtp.wait_for(1, to=address, subject="Scheduled story", timeout=15)), 1)

    def test_an_imported_archive_mails_only_the_last_day(self):
        # CONTRACT.md, import: published within the 24 hours before the import
        # is news; anything older is archive and never mailed.
        address = "archive@example.com"
        self.subscribe(address)
        self.confirm(address)
        bundle = {"newsdesk_bundle": 1, "articles": [
            article("archived-story", iso(time.time() - 3 * 86400), title="Three days old"),
            article("fresh-story", iso(time.time() - 3600), title="An hour old")]}
        self.server.import_bundle(bundle)
        self.assertEqual(len(self.smtp.wait_for(1, to=address, subject="An hour old")), 1)
        time.sleep(2)
        self.assertEqual(self.smtp.messages(to=address, subject="Three days old"), [])
        self.assertEqual(self.server.get("/articles/archived-story")[0], 200)

    def test_links_in_the_email_lead_back_to_the_site_and_it_is_dated_when_sent(self):
        # Issue #13, defects 1 and 2: site-relative links were copied as they
        # were (dead in a mail client), the text part was Markdown source, and
        # Date: was the article's publication time.
        address = "links@example.com"
        self.subscribe(address)
        self.confirm(address)
        story = article("linked-story", iso(time.time() - 20 * 3600), title="A linked story")
        story["body"] = "See [the column](/columns/back-channel) and [elsewhere](https://example.org/x)."
        self.server.import_bundle({"newsdesk_bundle": 1, "articles": [story]})
        msg = self.smtp.wait_for(1, to=address, subject="A linked story")[0]
        html = msg.get_body(preferencelist=("html",)).get_content()
        self.assertIn('href="http://127.0.0.1:8080/columns/back-channel"', html)
        self.assertIn('<html lang="en">', html)
        self.assertNotIn('href="/', html)
        text = msg.get_body(preferencelist=("plain",)).get_content()
        self.assertIn("See the column <http://127.0.0.1:8080/columns/back-channel> and elsewhere "
                      "<https://example.org/x>.", text)
        self.assertNotIn("](", text)
        sent = email.utils.parsedate_to_datetime(msg["Date"]).timestamp()
        self.assertLess(abs(sent - time.time()), 600, msg["Date"])
        # Feeds carry the body with the same absolute links (feed readers have no base).
        for feed in ("/feed.xml", "/rss.xml"):
            body = self.server.get(feed)[2]
            self.assertIn("href=&quot;http://127.0.0.1:8080/columns/back-channel&quot;", body, feed)
            self.assertNotIn("href=&quot;/", body, feed)

    def test_corrections_and_opt_outs_send_nothing(self):
        address = "corrections@example.com"
        self.subscribe(address)
        self.confirm(address)
        self.server.import_bundle(news("to-be-corrected", title="A story to correct"))
        self.assertEqual(len(self.smtp.wait_for(1, to=address, subject="A story to correct")), 1)
        # A correction is a save of the published article: no second email.
        corrected = news("to-be-corrected", title="A story to correct")
        corrected["articles"][0]["corrections"] = [{"at": iso(time.time()), "text": "A name was misspelled."}]
        self.server.import_bundle(corrected)
        self.assertIn("A name was misspelled.", self.server.get("/articles/to-be-corrected")[2])
        # "Send as newsletter" off: published, never mailed.
        quiet = news("not-for-mail", title="Not for the newsletter")
        quiet["articles"][0]["send_newsletter"] = False
        self.server.import_bundle(quiet)
        self.assertEqual(self.server.get("/articles/not-for-mail")[0], 200)
        time.sleep(3)
        self.assertEqual(len(self.smtp.messages(to=address, subject="A story to correct")), 1)
        self.assertEqual(self.smtp.messages(to=address, subject="Not for the newsletter"), [])

    def test_an_editor_sends_a_test_to_themselves(self):
        r = run_cli(self.server.db, "user", "add", "--email", "desk@example.com", "--name", "Desk Editor", "--role",
                    "editor", stdin="a long enough password\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        status, headers, _ = self.server.request(
            "POST", "/admin/sign-in", headers=form,
            body=urllib.parse.urlencode({"email": "desk@example.com", "password": "a long enough password"}))
        self.assertEqual(status, 303)
        cookie = headers["set-cookie"].split(";")[0]
        page = self.server.get("/admin/articles/new", {"Cookie": cookie})[2]
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
        fields = {"csrf": csrf, "title": "Not yet published <draft>", "slug": "not-yet", "column": "back-channel",
                  "author_1": "laura-rozen", "status": "draft", "body": "The **draft** body."}
        status, _, body = self.server.request("POST", "/admin/test-email", headers=dict(form, Cookie=cookie),
                                              body=urllib.parse.urlencode(fields))
        self.assertEqual(status, 200, body)
        self.assertIn("on its way to desk@example.com", body)
        msgs = self.smtp.wait_for(1, to="desk@example.com", subject="[Test] Not yet published <draft>")
        self.assertEqual(len(msgs), 1)
        self.assertIn("<strong>draft</strong>", msgs[0].get_body(preferencelist=("html",)).get_content())
        self.assertEqual(self.server.get("/articles/not-yet")[0], 404)  # nothing was saved
        # Without the form's CSRF token: refused, nothing sent.
        status, _, _ = self.server.request("POST", "/admin/test-email", headers=dict(form, Cookie=cookie),
                                           body=urllib.parse.urlencode(dict(fields, csrf="0" * 64)))
        self.assertEqual(status, 403)

    def test_column_subscribers_get_only_their_column(self):
        address = "pulse-fan@example.com"
        self.subscribe(address, column="pulse")
        self.confirm(address)
        self.server.import_bundle(news("in-pulse", title="A Pulse story", column="pulse"))
        self.server.import_bundle(news("in-back-channel", title="A Back Channel story"))
        self.assertEqual(len(self.smtp.wait_for(1, to=address, subject="A Pulse story")), 1)
        time.sleep(2)
        self.assertEqual(self.smtp.messages(to=address, subject="A Back Channel story"), [])

    def test_same_answer_whatever_the_state(self):
        address = "twice@example.com"
        first = self.subscribe(address)[2]
        second = self.subscribe(address)[2]
        self.confirm(address, mails=2)
        third = self.subscribe(address)[2]
        strip = lambda b: re.sub(r'name="return_to" value="[^"]*"', "", b)
        self.assertEqual(strip(first), strip(second))
        self.assertEqual(strip(first), strip(third))

    def test_bad_addresses_are_refused_and_inject_nothing(self):
        before = self.smtp.handler.attempts
        for bad in ["no-at-sign", "a@b", "x" * 250 + "@example.com", "ünï@example.com",
                    "a@example.com\r\nBcc: victim@example.com", "a@example.com\nBcc: victim@example.com",
                    "a b@example.com", "", "a@@example.com", ".a@example.com"]:
            with self.subTest(address=bad[:40]):
                status, _, body = self.subscribe(bad)
                self.assertEqual(status, 400)
                self.assertIn('role="alert"', body)
        self.assertEqual(self.server.request("POST", "/newsletter/subscribe",
                                             body="email=ok%40example.com&column=nope",
                                             headers={"Content-Type": "application/x-www-form-urlencoded"})[0], 400)
        time.sleep(1)
        self.assertEqual(self.smtp.messages(to="victim@example.com"), [])
        self.assertEqual(self.smtp.handler.attempts, before)


class RateLimitTest(unittest.TestCase):
    def test_subscribe_is_rate_limited_per_client(self):
        server = Server([load_seed()], extra_args=["--subscribe-limit", "3"]).start()
        try:
            codes = [server.request("POST", "/newsletter/subscribe", body="email=r%d%%40example.com" % i,
                                    headers={"Content-Type": "application/x-www-form-urlencoded"})[0]
                     for i in range(5)]
            self.assertEqual(codes, [200, 200, 200, 429, 429])
        finally:
            server.close()


def add_confirmed(db, addresses, column=None):
    """Confirmed subscribers to the whole publication, a few statements for
    hundreds of addresses (on PostgreSQL each statement is a psql run)."""
    conn = connect_db(db)
    with conn:
        for i in range(0, len(addresses), 400):
            chunk = list(addresses[i:i + 400])
            marks = ", ".join("?" for _ in chunk)
            conn.execute("INSERT INTO subscribers (email, created_at) VALUES " + ", ".join("(?, 0)" for _ in chunk),
                         chunk)
            conn.execute("INSERT INTO subscriptions (subscriber_id, scope, state, created_at, confirmed_at) "
                         "SELECT id, 0, 'confirmed', 0, 0 FROM subscribers WHERE email IN (%s)" % marks, chunk)
    conn.close()


def outbox(db, sql):
    conn = connect_db(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


class CrashTest(unittest.TestCase):
    CONNECTIONS = 4

    def test_sigkill_mid_send_loses_nothing_and_duplicates_at_most_in_flight(self):
        smtp = SmtpPeer().start()
        smtp.handler.delay = 0.004
        server = Server([load_seed()], extra_args=mail_args(smtp, "--mail-connections", str(self.CONNECTIONS)))
        addresses = ["reader%04d@example.com" % i for i in range(2000)]
        add_confirmed(server.db, addresses)
        try:
            server.start()
            server.import_bundle(news("crash-story", title="Crash story"))
            deadline = time.time() + 60
            while len(smtp.messages()) < 400 and time.time() < deadline:
                time.sleep(0.01)
            server.kill()  # SIGKILL: no drain, messages in flight are lost mid-way
            at_kill = len(smtp.messages())
            self.assertGreater(at_kill, 0)
            self.assertLess(at_kill, 2000, "killed before the end")
            server.start()
            deadline = time.time() + 120
            while time.time() < deadline:
                got = {m["X-Envelope-To"] for m in smtp.messages(subject="Crash story")}
                if got >= set(addresses):
                    break
                time.sleep(0.1)
            time.sleep(1)
            received = [m["X-Envelope-To"] for m in smtp.messages(subject="Crash story")]
            self.assertEqual(set(received), set(addresses), "every confirmed subscriber got the email")
            duplicates = len(received) - len(set(received))
            self.assertLessEqual(duplicates, self.CONNECTIONS)
            ids = [m["Message-ID"] for m in smtp.messages(subject="Crash story")]
            self.assertEqual(len(set(ids)), 2000, "a resend carries the same Message-ID")
            self.assertEqual(outbox(server.db, "SELECT state, COUNT(*) FROM outbox GROUP BY state"), [("sent", 2000)])
            # Connections are reused across messages: a handful for 2,000 emails over two runs.
            self.assertLessEqual(len(smtp.handler.peers), 2 * self.CONNECTIONS)
        finally:
            server.close()
            smtp.stop()


class SilentSenderTest(unittest.TestCase):
    def test_claims_of_a_sender_on_another_machine_that_went_silent_are_sent_by_this_one(self):
        smtp = SmtpPeer().start()
        server = Server([load_seed()], extra_args=mail_args(smtp))
        addresses = ["silent%02d@example.com" % i for i in range(20)]
        add_confirmed(server.db, addresses)
        server.import_bundle(news("silent-story", title="Silent story"))  # queued, no node running yet
        now = int(time.time())
        conn = connect_db(server.db)
        with conn:
            # Half were claimed by a node on another machine that died two minutes
            # ago (its pid cannot be checked from here; its lease has an hour to
            # run), half by one that is still sending.
            conn.execute("UPDATE outbox SET state = 'sending', claimed_until = ?, claimed_by = "
                         "CASE WHEN id % 2 = 0 THEN 'gone.example:41' ELSE 'busy.example:42' END", (now + 3600,))
            conn.execute("INSERT INTO outbox_senders (worker, seen_at) VALUES ('gone.example:41', ?), "
                         "('busy.example:42', ?)", (now - 120, now + 3600))
        conn.close()
        try:
            server.start()
            deadline = time.time() + 20
            while len(smtp.messages(subject="Silent story")) < 10 and time.time() < deadline:
                time.sleep(0.05)
            time.sleep(1.5)
            self.assertEqual(len(smtp.messages(subject="Silent story")), 10)
            self.assertEqual(outbox(server.db, "SELECT state, claimed_by, COUNT(*) FROM outbox "
                                               "GROUP BY state, claimed_by ORDER BY state"),
                             [("sending", "busy.example:42", 10), ("sent", None, 10)])
        finally:
            server.close()
            smtp.stop()


class FaultTest(unittest.TestCase):
    def setUp(self):
        self.smtp = None
        self.server = None

    def tearDown(self):
        if self.server:
            self.server.close()
        if self.smtp:
            self.smtp.stop()

    def start(self, port=None, **kw):
        self.smtp = SmtpPeer(port).start()
        for k, v in kw.items():
            setattr(self.smtp.handler, k, v)
        return self.smtp

    def test_server_down_then_up_delivers_and_pages_keep_serving(self):
        port = free_port()
        self.server = Server([load_seed()], extra_args=["--smtp-url", "smtp://127.0.0.1:%d" % port,
                                                        "--mail-from", FROM, "--mail-retry-base", "1"])
        add_confirmed(self.server.db, ["down@example.com"])
        self.server.start()
        self.server.import_bundle(news("while-down", title="While down"))
        time.sleep(2.5)
        self.assertEqual(self.server.get("/columns/back-channel")[0], 200)
        rows = outbox(self.server.db, "SELECT state, attempts, last_error FROM outbox")
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0][0], "queued")
        self.assertGreaterEqual(rows[0][1], 1)
        self.assertTrue(rows[0][2])
        self.start(port)
        self.assertEqual(len(self.smtp.wait_for(1, subject="While down", timeout=30)), 1)

    def test_temporary_answers_are_retried(self):
        self.start(answers=["451 4.3.0 Try again later", "421 4.7.0 Busy, closing"])
        self.server = Server([load_seed()], extra_args=mail_args(self.smtp)).start()
        add_confirmed(self.server.db, ["retry@example.com"])
        self.server.import_bundle(news("retried", title="Retried story"))
        self.assertEqual(len(self.smtp.wait_for(1, subject="Retried story", timeout=30)), 1)
        # The peer has the message before the sender has noted it as sent.
        deadline = time.time() + 10
        rows = outbox(self.server.db, "SELECT state, attempts FROM outbox")
        while rows != [("sent", 3)] and time.time() < deadline:
            time.sleep(0.1)
            rows = outbox(self.server.db, "SELECT state, attempts FROM outbox")
        self.assertEqual(rows, [("sent", 3)])

    def test_permanent_failures_suppress_the_address(self):
        self.start()
        self.smtp.handler.reject["gone@example.com"] = "550 5.1.1 No such user"
        self.server = Server([load_seed()], extra_args=mail_args(self.smtp)).start()
        add_confirmed(self.server.db, ["gone@example.com", "fine@example.com"])
        for i in range(4):
            self.server.import_bundle(news("bounce-%d" % i, title="Bounce %d" % i))
            self.smtp.wait_for(i + 1, to="fine@example.com", timeout=15)
            time.sleep(0.5)
        self.assertEqual(len(self.smtp.messages(to="fine@example.com")), 4)
        rows = outbox(self.server.db, "SELECT o.state, COUNT(*) FROM outbox o JOIN subscribers s ON s.id = "
                                      "o.subscriber_id WHERE s.email = 'gone@example.com' GROUP BY o.state")
        self.assertEqual(rows, [("failed", 3)], "three hard bounces, then no more attempts")
        self.assertEqual(outbox(self.server.db, "SELECT state FROM subscriptions s JOIN subscribers u ON "
                                                "u.id = s.subscriber_id WHERE u.email = 'gone@example.com'"),
                         [("suppressed",)])
        self.assertEqual(self.smtp.handler.attempts, 4 + 3)

    def test_slow_server_does_not_hold_up_pages(self):
        # Every DATA takes 5 seconds: pages must be answered while no email has
        # got through yet, so sending cannot be in their way.
        self.start(delay=5.0)
        self.server = Server([load_seed()], extra_args=mail_args(self.smtp)).start()
        add_confirmed(self.server.db, ["slow%d@example.com" % i for i in range(8)])
        self.server.import_bundle(news("slow", title="Slow story"))
        deadline = time.time() + 10
        while self.smtp.handler.attempts == 0 and not outbox(self.server.db, "SELECT 1 FROM outbox WHERE state = 'sending'") \
                and time.time() < deadline:
            time.sleep(0.05)
        self.assertTrue(outbox(self.server.db, "SELECT 1 FROM outbox WHERE state = 'sending'"), "sending has begun")
        for _ in range(5):
            self.assertEqual(self.server.get("/columns/back-channel")[0], 200)
        self.assertEqual(self.smtp.messages(subject="Slow story"), [], "pages came back before any email")


class SendPendingTest(unittest.TestCase):
    def test_send_pending_and_stats(self):
        smtp = SmtpPeer().start()
        server = Server([load_seed()])
        try:
            add_confirmed(server.db, ["a@example.com", "b@example.com"])
            server.import_bundle(news("pending-story", title="Pending story"))
            r = run_cli(server.db, "newsletter", "send-pending", "--smtp-url", smtp.url, "--mail-from", FROM)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("sent 2", r.stdout)
            self.assertEqual(len(smtp.messages(subject="Pending story")), 2)
            r = run_cli(server.db, "newsletter", "stats")
            self.assertEqual(r.returncode, 0)
            self.assertRegex(r.stdout, r"pending-story\s+0\s+2\s+0")
            r = run_cli(server.db, "newsletter", "send-pending", "--smtp-url", smtp.url)
            self.assertIn("sent 0", r.stdout)

            # An archive loaded with --no-newsletter is not mailed.
            path = os.path.join(server.dir, "archive.json")
            with open(path, "w") as f:
                import json
                json.dump(news("archive-story", title="Archive story", delay=-86400 * 900), f)
            self.assertEqual(run_cli(server.db, "import", "--no-newsletter", path).returncode, 0)
            r = run_cli(server.db, "newsletter", "send-pending", "--smtp-url", smtp.url)
            self.assertIn("sent 0", r.stdout)
            self.assertEqual(smtp.messages(subject="Archive story"), [])

            # --mail-rate spaces messages out: 12 at 10 per second cannot take under a second.
            add_confirmed(server.db, ["rate%d@example.com" % i for i in range(12)])
            server.import_bundle(news("rated-story", title="Rated story"))
            started = time.time()
            r = run_cli(server.db, "newsletter", "send-pending", "--smtp-url", smtp.url, "--mail-rate", "10")
            self.assertIn("sent 14", r.stdout)
            self.assertGreaterEqual(time.time() - started, 1.0)
        finally:
            server.close()
            smtp.stop()


class MailboxPeerTest(unittest.TestCase):
    """The same path against aiosmtpd run as its own process with a Maildir."""

    def test_confirmation_lands_in_a_maildir(self):
        folder = tempfile.mkdtemp(prefix="newsdesk-maildir-")
        port = free_port()
        smtp = subprocess.Popen(["/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:%d" % port,
                                 "-c", "aiosmtpd.handlers.Mailbox", os.path.join(folder, "Maildir")])
        # Stopped however the test ends: a sink left running keeps ctest's output
        # pipe open, and ctest then waits for it until its timeout.
        self.addCleanup(smtp.wait)
        self.addCleanup(smtp.terminate)
        for _ in range(200):  # the SMTP server is a Python process: wait until it listens
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        server = Server([load_seed()], extra_args=["--smtp-url", "smtp://127.0.0.1:%d" % port]).start()
        try:
            server.request("POST", "/newsletter/subscribe", body="email=maildir%40example.com",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
            files = []
            for _ in range(100):
                files = glob.glob(os.path.join(folder, "Maildir", "new", "*"))
                if files:
                    break
                time.sleep(0.1)
            self.assertEqual(len(files), 1)
            with open(files[0], "rb") as f:
                msg = email.message_from_binary_file(f, policy=email.policy.default)
            self.assertEqual(msg["X-RcptTo"], "maildir@example.com")
            self.assertTrue(token_of(msg, "confirm"))
        finally:
            server.close()


if __name__ == "__main__":
    unittest.main()


class DkimTest(unittest.TestCase):
    """Signed emails pass a real verifier (dkimpy, python3-dkim)."""

    def test_signature_verifies_and_covers_list_unsubscribe(self):
        import base64
        import dkim
        folder = tempfile.mkdtemp(prefix="newsdesk-dkim-")
        key = os.path.join(folder, "dkim.pem")
        subprocess.run(["openssl", "genrsa", "-out", key, "2048"], check=True, capture_output=True)
        public_der = subprocess.run(["openssl", "rsa", "-in", key, "-pubout", "-outform", "DER"], check=True,
                                    capture_output=True).stdout
        record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public_der)
        smtp = SmtpPeer().start()
        server = Server([load_seed()])
        try:
            add_confirmed(server.db, ["signed@example.com"])
            server.import_bundle(news("signed-story", title="Signed story — ünïcode"))
            r = run_cli(server.db, "newsletter", "send-pending", "--smtp-url", smtp.url, "--mail-from", FROM,
                        "--dkim-key", key, "--dkim-selector", "news2026")
            self.assertEqual(r.returncode, 0, r.stderr)
            [msg] = smtp.messages(subject="Signed story — ünïcode")
            lookups = []

            def dns(name, timeout=5):
                lookups.append(name)
                return record if name == b"news2026._domainkey.al-monitor.test." else None

            self.assertTrue(dkim.verify(msg.raw, dnsfunc=dns), msg.raw[:600])
            self.assertEqual(lookups, [b"news2026._domainkey.al-monitor.test."])
            sig = msg["DKIM-Signature"]
            self.assertIn("a=rsa-sha256", sig)
            self.assertIn("list-unsubscribe:list-unsubscribe-post", sig.replace(" ", ""))
            tampered = msg.raw.replace(b"Subject: ", b"Subject: X", 1)
            self.assertFalse(dkim.verify(tampered, dnsfunc=dns))
        finally:
            server.close()
            smtp.stop()
            subprocess.run(["rm", "-rf", folder])
