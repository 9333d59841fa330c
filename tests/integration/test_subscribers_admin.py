"""Subscribers in the admin (GDPR): search, history, CSV export, erasure
with a suppression hash, and per-issue statistics, over real HTTP and a real
SMTP server (issue #10)."""
import csv
import io
import re
import time
import unittest
import urllib.parse

from admin_client import AdminClient
from harness import Server, load_seed, run_cli, connect_db
from smtp_peer import SmtpPeer
from test_newsletter import mail_args, news, token_of

ADMIN = ("admin@example.com", "admin password 1")


class SubscribersAdminTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.smtp = SmtpPeer().start()
        cls.server = Server([load_seed()], extra_args=mail_args(cls.smtp)).start()
        r = run_cli(cls.server.db, "user", "add", "--email", ADMIN[0], "--name", "Admin", "--role", "admin",
                    stdin=ADMIN[1] + "\n")
        assert r.returncode == 0, r.stderr
        cls.admin = AdminClient(cls.server, *ADMIN)

    @classmethod
    def tearDownClass(cls):
        cls.server.close()
        cls.smtp.stop()

    def subscribe_and_confirm(self, address):
        subject = "Confirm your subscription to Al-Monitor"
        before = len(self.smtp.messages(to=address, subject=subject))
        body = urllib.parse.urlencode({"email": address, "column": ""})
        self.server.request("POST", "/newsletter/subscribe", body=body,
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
        msgs = self.smtp.wait_for(before + 1, to=address, subject=subject)
        self.assertEqual(len(msgs), before + 1)
        status, _, _ = self.server.request("POST", "/newsletter/confirm",
                                           body="token=" + token_of(msgs[-1], "confirm"),
                                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 200)

    def subscriber_id(self, address):
        page = self.admin.get("/admin/subscribers?q=" + urllib.parse.quote(address))[2]
        return re.search(r'<a href="/admin/subscribers/(\d+)">' + re.escape(address) + "</a>", page).group(1)

    def test_history_export_stats_and_erasure(self):
        self.subscribe_and_confirm("reader.one@example.com")
        self.subscribe_and_confirm("=formula@example.com")
        self.server.import_bundle(news("issue-one", title="Issue one"))
        self.assertEqual(len(self.smtp.wait_for(1, to="reader.one@example.com", subject="Issue one")), 1)
        # Search, then the history of one.
        page = self.admin.get("/admin/subscribers?q=READER.one")[2]
        self.assertIn("1 subscribers matching", page)
        sid = self.subscriber_id("reader.one@example.com")
        history = self.admin.get("/admin/subscribers/" + sid)[2]
        whats = re.findall(r"<tr><td>[^<]*</td><td>(\w+)</td><td>([^<]*)</td></tr>", history)
        self.assertEqual([w for w, _ in whats], ["subscribed", "confirmed", "sent"])
        self.assertEqual(whats[2][1], "Issue one")
        # Per-issue statistics, once the other one is sent too.
        self.smtp.wait_for(1, to="=formula@example.com", subject="Issue one")
        time.sleep(0.5)
        page = self.admin.get("/admin/subscribers")[2]
        self.assertRegex(page, r"<tr><td>Issue one</td><td>[^<]+</td><td>0</td><td>2</td><td>0</td><td>0</td></tr>")
        # Export: every subscriber, a formula defused.
        status, headers, text = self.admin.get("/admin/subscribers/export.csv")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "text/csv; charset=utf-8")
        self.assertIn("attachment", headers["content-disposition"])
        rows = list(csv.DictReader(io.StringIO(text)))
        emails = {r["email"]: r for r in rows}
        self.assertEqual(emails["reader.one@example.com"]["state"], "confirmed")
        self.assertEqual(emails["reader.one@example.com"]["subscribed_to"], "Al-Monitor")
        self.assertIn("'=formula@example.com", emails)
        # Erase: gone everywhere, the log says which record and not the address.
        with connect_db(self.server.db) as db:
            (hashes_before,) = db.execute("SELECT COUNT(*) FROM suppressed_hashes").fetchone()
        status, _, _ = self.admin.post("/admin/subscribers/%s/erase" % sid, {})
        self.assertEqual(status, 303)
        self.assertEqual(self.admin.get("/admin/subscribers/" + sid)[0], 404)
        with connect_db(self.server.db) as db:
            for table, column in [("subscribers", "id"), ("subscriptions", "subscriber_id"),
                                  ("outbox", "subscriber_id")]:
                self.assertEqual(db.execute("SELECT COUNT(*) FROM %s WHERE %s = ?" % (table, column),
                                            (sid,)).fetchone()[0], 0, table)
            self.assertEqual(db.execute("SELECT COUNT(*) FROM suppressed_hashes").fetchone()[0], hashes_before)
            log = db.execute("SELECT subject, detail FROM audit_log WHERE action = 'subscriber.erase'").fetchall()
            self.assertEqual(log[-1], ("subscriber " + sid, ""))
            self.assertNotIn("reader.one", "".join(map(str, log)))
            dump = "\n".join(db.iterdump())
        self.assertNotIn("reader.one@example.com", dump)
        # Not suppressed: they may subscribe again, under a subscription id never used before.
        with connect_db(self.server.db) as db:
            (highest_ever,) = db.execute("SELECT CAST(value AS INTEGER) FROM settings "
                                         "WHERE key = 'subscription_id_floor'").fetchone()
        self.subscribe_and_confirm("reader.one@example.com")
        with connect_db(self.server.db) as db:
            (new_id,) = db.execute("SELECT s.id FROM subscriptions s JOIN subscribers u ON u.id = s.subscriber_id "
                                   "WHERE u.email = 'reader.one@example.com'").fetchone()
        self.assertGreater(new_id, highest_ever)

    def test_an_erased_address_that_bounced_is_never_mailed_again(self):
        self.subscribe_and_confirm("bounced@example.com")
        with connect_db(self.server.db) as db:  # as the outbox does after hard bounces
            db.execute("UPDATE subscribers SET suppressed_at = 1 WHERE email = 'bounced@example.com'")
            db.execute("UPDATE subscriptions SET state = 'suppressed' WHERE subscriber_id = "
                       "(SELECT id FROM subscribers WHERE email = 'bounced@example.com')")
        sid = self.subscriber_id("bounced@example.com")
        self.assertEqual(self.admin.post("/admin/subscribers/%s/erase" % sid, {})[0], 303)
        with connect_db(self.server.db) as db:
            (hashes,) = db.execute("SELECT COUNT(*) FROM suppressed_hashes").fetchone()
            dump = "\n".join(db.iterdump())
        self.assertEqual(hashes, 1)
        self.assertNotIn("bounced@example.com", dump)
        before = len(self.smtp.messages(to="bounced@example.com"))
        body = urllib.parse.urlencode({"email": "Bounced@Example.com", "column": ""})
        status, _, _ = self.server.request("POST", "/newsletter/subscribe", body=body,
                                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 200)  # the same answer as for anyone
        time.sleep(1)
        self.assertEqual(len(self.smtp.messages(to="bounced@example.com")), before)
        with connect_db(self.server.db) as db:
            self.assertEqual(db.execute("SELECT COUNT(*) FROM subscribers WHERE email = 'bounced@example.com'")
                             .fetchone()[0], 0)

    def test_only_admins_with_a_csrf_token(self):
        self.subscribe_and_confirm("kept@example.com")
        sid = self.subscriber_id("kept@example.com")
        run_cli(self.server.db, "user", "add", "--email", "ed@example.com", "--name", "Ed", "--role", "editor",
                stdin="editor password\n")
        editor = AdminClient(self.server, "ed@example.com", "editor password")
        for path in ["/admin/subscribers", "/admin/subscribers/export.csv", "/admin/subscribers/" + sid]:
            self.assertEqual(editor.get(path)[0], 403, path)
        self.assertEqual(editor.post("/admin/subscribers/%s/erase" % sid, {})[0], 403)
        self.assertEqual(self.admin.post("/admin/subscribers/%s/erase" % sid, {}, csrf=False)[0], 403)
        self.assertEqual(self.admin.get("/admin/subscribers/" + sid)[0], 200)


if __name__ == "__main__":
    unittest.main()
