"""Staff management over real HTTP and a real SMTP server: invitations,
roles, deactivation, password resets, your sessions and tokens, settings and
the audit log (issue #10)."""
import re
import unittest

from admin_client import AdminClient, api
from harness import Server, load_seed, run_cli, connect_db
from smtp_peer import SmtpPeer

ADMIN = ("admin@example.com", "admin password 1")


def add_user(server, email, role, password, author=None):
    args = ["user", "add", "--email", email, "--name", email.split("@")[0].title(), "--role", role]
    if author:
        args += ["--author", author]
    r = run_cli(server.db, *args, stdin=password + "\n")
    assert r.returncode == 0, r.stderr


def link_in(message):
    text = message.get_body(("plain",)).get_content() if message.is_multipart() else message.get_content()
    m = re.search(r"http://\S+/admin/(?:invitations|password-reset)/\S+", text)
    assert m, text
    return "/" + m.group(0).split("/", 3)[3]  # the path: the test talks to the server directly


class StaffTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.smtp = SmtpPeer().start()
        cls.server = Server([load_seed()], extra_args=["--smtp-url", cls.smtp.url, "--mail-from",
                                                       "Al-Monitor <newsroom@example.com>"]).start()
        add_user(cls.server, ADMIN[0], "admin", ADMIN[1])
        cls.admin = AdminClient(cls.server, *ADMIN)

    @classmethod
    def tearDownClass(cls):
        cls.server.close()
        cls.smtp.stop()

    def db(self):
        return connect_db(self.server.db)

    def invite(self, email, role, author=""):
        status, headers, _ = self.admin.post("/admin/staff/invite", {"email": email, "role": role, "author": author})
        self.assertEqual(status, 303)
        mail = self.smtp.wait_for(1, to=email)
        self.assertEqual(len(mail), 1, "no invitation mailed to " + email)
        return link_in(mail[-1])

    def accept(self, link, name, password):
        c = AdminClient(self.server)
        status, headers, body = c.post(link, {"name": name, "password": password, "password_again": password},
                                       csrf=False)
        if status == 303:
            c.take_session(headers)
        return status, c, body

    def audit(self, action):
        with self.db() as db:
            return db.execute("SELECT actor, subject, detail FROM audit_log WHERE action = ? ORDER BY id",
                              (action,)).fetchall()

    def test_invite_accept_and_sign_in(self):
        link = self.invite("new.editor@example.com", "editor", "laura-rozen")
        self.assertRegex(link, r"^/admin/invitations/[A-Za-z0-9_-]{20,}$")
        status, _, page = self.server.get(link)
        self.assertEqual(status, 200)
        self.assertIn("new.editor@example.com", page)
        # Mismatched passwords and short ones are refused, the invitation stays.
        c = AdminClient(self.server)
        status, _, body = c.post(link, {"name": "Nu", "password": "short", "password_again": "short"}, csrf=False)
        self.assertEqual(status, 400)
        self.assertIn("password: must be at least 10 characters", body)
        status, new, _ = self.accept(link, "New Editor", "a good long password")
        self.assertEqual(status, 303)
        self.assertIn("Signed in as new.editor@example.com", new.get("/admin/account")[2])
        self.assertEqual(AdminClient(self.server).sign_in("new.editor@example.com", "a good long password"), 303)
        # Used once: the same link, and a guessed one, are refused.
        self.assertEqual(self.server.get(link)[0], 404)
        self.assertEqual(self.accept(link, "Again", "a good long password")[0], 404)
        self.assertEqual(self.server.get("/admin/invitations/" + "A" * 43)[0], 404)
        with self.db() as db:
            row = db.execute("SELECT role, author_slug FROM users WHERE email = 'new.editor@example.com'").fetchone()
        self.assertEqual(row, ("editor", "laura-rozen"))
        self.assertIn((ADMIN[0], "new.editor@example.com", "editor"), self.audit("user.invite"))
        self.assertIn(("new.editor@example.com", "new.editor@example.com", "editor"), self.audit("user.accept"))

    def test_expired_or_withdrawn_invitations_are_refused(self):
        link = self.invite("late@example.com", "author")
        with self.db() as db:
            db.execute("UPDATE invitations SET expires_at = 1 WHERE email = 'late@example.com'")
        self.assertEqual(self.server.get(link)[0], 404)
        self.assertEqual(self.accept(link, "Late", "a good long password")[0], 404)
        link = self.invite("withdrawn@example.com", "author")
        with self.db() as db:
            (inv_id,) = db.execute("SELECT id FROM invitations WHERE email = 'withdrawn@example.com' "
                                   "AND accepted_at IS NULL").fetchone()
        self.assertEqual(self.admin.post("/admin/staff/invitations/revoke", {"id": inv_id})[0], 303)
        self.assertEqual(self.accept(link, "Withdrawn", "a good long password")[0], 404)
        with self.db() as db:
            self.assertEqual(db.execute("SELECT COUNT(*) FROM users WHERE email IN "
                                        "('late@example.com', 'withdrawn@example.com')").fetchone()[0], 0)

    def test_change_role_and_the_last_admin_stays(self):
        add_user(self.server, "writer@example.com", "author", "writer password", "laura-rozen")
        status, _, _ = self.admin.post("/admin/staff/role", {"email": "writer@example.com", "role": "editor"})
        self.assertEqual(status, 303)
        self.assertIn(("writer@example.com", "author → editor"),
                      [(s, d) for _, s, d in self.audit("user.role")])
        status, _, body = self.admin.post("/admin/staff/role", {"email": ADMIN[0], "role": "editor"})
        self.assertEqual(status, 409)
        self.assertIn("the last admin cannot be demoted", body)
        status, _, body = self.admin.post("/admin/staff/deactivate", {"email": ADMIN[0]})
        self.assertEqual(status, 409)
        with self.db() as db:
            self.assertEqual(db.execute("SELECT role, deactivated_at FROM users WHERE email = ?",
                                        (ADMIN[0],)).fetchone(), ("admin", None))
        status, _, body = self.admin.post("/admin/staff/role", {"email": "writer@example.com", "role": "boss"})
        self.assertEqual(status, 400)
        self.assertIn("role: &#39;boss&#39; is not one of", body)

    def test_deactivation_ends_sessions_and_tokens_at_once(self):
        add_user(self.server, "leaver@example.com", "editor", "leaver password")
        leaver = AdminClient(self.server, "leaver@example.com", "leaver password")
        status, _, page = leaver.post("/admin/account/tokens", {"name": "my script"})
        self.assertEqual(status, 201)
        token = re.search(r"<code class=\"admin-token\">(nd_[^<]+)</code>", page).group(1)
        self.assertEqual(api(self.server, "GET", "/api/admin/articles", token)[0], 200)
        self.assertEqual(self.admin.post("/admin/staff/deactivate", {"email": "leaver@example.com"})[0], 303)
        self.assertEqual(leaver.get("/admin")[1].get("location"), "/admin/sign-in")
        self.assertEqual(api(self.server, "GET", "/api/admin/articles", token)[0], 401)
        self.assertEqual(AdminClient(self.server).sign_in("leaver@example.com", "leaver password"), 401)
        self.assertEqual(self.admin.post("/admin/staff/reactivate", {"email": "leaver@example.com"})[0], 303)
        self.assertEqual(AdminClient(self.server).sign_in("leaver@example.com", "leaver password"), 303)
        self.assertEqual(api(self.server, "GET", "/api/admin/articles", token)[0], 401)

    def test_password_reset_over_smtp(self):
        add_user(self.server, "forgetful@example.com", "author", "old password 123", "laura-rozen")
        old_session = AdminClient(self.server, "forgetful@example.com", "old password 123")
        anyone = AdminClient(self.server)
        known = anyone.post("/admin/password-reset", {"email": "forgetful@example.com"}, csrf=False)
        unknown = anyone.post("/admin/password-reset", {"email": "nobody-here@example.com"}, csrf=False)
        self.assertEqual((known[0], known[2]), (unknown[0], unknown[2]))
        mails = self.smtp.wait_for(1, to="forgetful@example.com")
        self.assertEqual(len(mails), 1)
        self.assertEqual(self.smtp.messages(to="nobody-here@example.com"), [])
        link = link_in(mails[0])
        with self.db() as db:
            stored = db.execute("SELECT token_hash FROM password_resets").fetchall()
        self.assertNotIn(link.rsplit("/", 1)[1], [h for (h,) in stored])  # only a hash is kept
        self.assertEqual(self.server.get(link)[0], 200)
        status, headers, _ = anyone.post(link, {"password": "new password 456", "password_again": "new password 456"},
                                         csrf=False)
        self.assertEqual(status, 303)
        self.assertIn("newsdesk_session=", headers["set-cookie"])
        self.assertEqual(old_session.get("/admin")[1].get("location"), "/admin/sign-in")  # every session ended
        self.assertEqual(AdminClient(self.server).sign_in("forgetful@example.com", "old password 123"), 401)
        self.assertEqual(AdminClient(self.server).sign_in("forgetful@example.com", "new password 456"), 303)
        again = anyone.post(link, {"password": "third password 789", "password_again": "third password 789"},
                            csrf=False)
        self.assertEqual(again[0], 404)
        # An expired link is refused too.
        anyone.post("/admin/password-reset", {"email": "forgetful@example.com"}, csrf=False)
        link = link_in(self.smtp.wait_for(2, to="forgetful@example.com")[-1])
        with self.db() as db:
            db.execute("UPDATE password_resets SET expires_at = 1")
        status, _, _ = anyone.post(link, {"password": "third password 789", "password_again": "third password 789"},
                                   csrf=False)
        self.assertEqual(status, 404)
        self.assertEqual(AdminClient(self.server).sign_in("forgetful@example.com", "new password 456"), 303)

    def test_the_sender_setting_applies_without_a_restart(self):
        page = self.admin.get("/admin/settings")[2]
        fields = dict(re.findall(r'name="(\w+)"(?: type="url")? value="([^"]*)"', page))
        fields["cookie_notice"] = re.search(r'name="cookie_notice"[^>]*>([^<]*)<', page).group(1)
        self.assertEqual(fields["mail_from"], "")
        bad = dict(fields, mail_from="Desk <not an address>")
        status, _, body = self.admin.post("/admin/settings", bad)
        self.assertEqual(status, 400)
        self.assertIn("mail_from: must be", body)
        status, _, _ = self.admin.post("/admin/settings", dict(fields, mail_from="The Desk <desk@example.com>",
                                                               cookie_policy_url="/privacy#cookies"))
        self.assertEqual(status, 303)
        self.assertIn('<a href="/privacy#cookies">Learn more...</a>', self.server.get("/")[2])
        add_user(self.server, "sender.check@example.com", "author", "sender password")
        AdminClient(self.server).post("/admin/password-reset", {"email": "sender.check@example.com"}, csrf=False)
        mail = self.smtp.wait_for(1, to="sender.check@example.com")[0]
        self.assertEqual(mail["From"].addresses[0].addr_spec, "desk@example.com")
        self.assertEqual(mail["From"].addresses[0].display_name, "The Desk")
        self.assertEqual(mail["X-Envelope-From"], "desk@example.com")  # the envelope too
        self.assertEqual(self.admin.post("/admin/settings", fields)[0], 303)

    def test_your_sessions_and_signing_one_out(self):
        add_user(self.server, "two.browsers@example.com", "editor", "two browsers pw")
        laptop = AdminClient(self.server, "two.browsers@example.com", "two browsers pw")
        phone = AdminClient(self.server, "two.browsers@example.com", "two browsers pw")
        page = laptop.get("/admin/account")[2]
        ids = re.findall(r'name="id" value="(\d+)"><button type="submit" aria-label="Sign out the session', page)
        self.assertEqual(len(ids), 1)  # the other one; this one says "This browser"
        self.assertIn("This browser", page)
        self.assertEqual(laptop.post("/admin/account/sessions/end", {"id": ids[0]})[0], 303)
        self.assertEqual(phone.get("/admin")[1].get("location"), "/admin/sign-in")
        self.assertEqual(laptop.get("/admin")[0], 200)
        # Someone else's session id is not yours to end.
        with self.db() as db:
            (other,) = db.execute("SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id "
                                  "WHERE u.email = ?", (ADMIN[0],)).fetchone()
        self.assertEqual(laptop.post("/admin/account/sessions/end", {"id": other})[0], 404)
        self.assertEqual(self.admin.get("/admin")[0], 200)

    def test_tokens_are_named_listed_and_revocable(self):
        add_user(self.server, "scripter@example.com", "editor", "scripter password")
        me = AdminClient(self.server, "scripter@example.com", "scripter password")
        page = me.post("/admin/account/tokens", {"name": "Wire importer"})[2]
        token = re.search(r"<code class=\"admin-token\">(nd_[^<]+)</code>", page).group(1)
        self.assertNotIn(token, me.get("/admin/account")[2])  # shown once
        self.assertEqual(api(self.server, "GET", "/api/admin/articles", token)[0], 200)
        page = me.get("/admin/account")[2]
        self.assertIn("Wire importer", page)
        self.assertNotIn(">never<", page.split("Wire importer", 1)[1].split("</tr>", 1)[0])
        (token_id,) = re.findall(r'name="id" value="(\d+)"><button type="submit" aria-label="Revoke the token '
                                 r'Wire importer"', page)
        # Another editor cannot revoke it; its owner can.
        add_user(self.server, "nosy@example.com", "editor", "nosy password 1")
        nosy = AdminClient(self.server, "nosy@example.com", "nosy password 1")
        self.assertEqual(nosy.post("/admin/account/tokens/revoke", {"id": token_id})[0], 404)
        self.assertEqual(me.post("/admin/account/tokens/revoke", {"id": token_id})[0], 303)
        self.assertEqual(api(self.server, "GET", "/api/admin/articles", token)[0], 401)
        self.assertTrue(self.audit("token.use"))
        self.assertIn(("scripter@example.com", "Wire importer", ""), self.audit("token.create"))

    def test_admin_pages_are_for_admins(self):
        add_user(self.server, "plain.editor@example.com", "editor", "plain editor pw")
        editor = AdminClient(self.server, "plain.editor@example.com", "plain editor pw")
        for path in ["/admin/staff", "/admin/settings", "/admin/audit"]:
            self.assertEqual(editor.get(path)[0], 403, path)
        for path, fields in [("/admin/staff/invite", {"email": "x@example.com", "role": "admin"}),
                             ("/admin/staff/role", {"email": "plain.editor@example.com", "role": "admin"}),
                             ("/admin/staff/deactivate", {"email": ADMIN[0]}),
                             ("/admin/settings", {"name": "Hijacked", "base_url": "http://evil.example"})]:
            self.assertEqual(editor.post(path, fields)[0], 403, path)
        with self.db() as db:
            self.assertEqual(db.execute("SELECT role FROM users WHERE email = 'plain.editor@example.com'")
                             .fetchone()[0], "editor")
            self.assertEqual(db.execute("SELECT name FROM publication").fetchone()[0], "Al-Monitor")

    def test_forms_without_csrf_change_nothing(self):
        add_user(self.server, "victim@example.com", "editor", "victim password")
        for path, fields in [("/admin/staff/invite", {"email": "forged@example.com", "role": "admin"}),
                             ("/admin/staff/role", {"email": "victim@example.com", "role": "admin"}),
                             ("/admin/staff/deactivate", {"email": "victim@example.com"}),
                             ("/admin/staff/byline", {"email": "victim@example.com", "author": "laura-rozen"}),
                             ("/admin/settings", {"name": "Forged", "base_url": "http://x.example"}),
                             ("/admin/account/tokens", {"name": "forged"}),
                             ("/admin/account/password", {"current_password": ADMIN[1], "password": "x" * 12,
                                                          "password_again": "x" * 12})]:
            for csrf in (False, "0" * 64):
                self.assertEqual(self.admin.post(path, fields, csrf=csrf)[0], 403, path)
        with self.db() as db:
            self.assertEqual(db.execute("SELECT role, author_slug, deactivated_at FROM users WHERE email = "
                                        "'victim@example.com'").fetchone(), ("editor", None, None))
            self.assertEqual(db.execute("SELECT COUNT(*) FROM invitations WHERE email = 'forged@example.com'")
                             .fetchone()[0], 0)
            self.assertEqual(db.execute("SELECT name FROM publication").fetchone()[0], "Al-Monitor")
            self.assertEqual(db.execute("SELECT COUNT(*) FROM api_tokens WHERE name = 'forged'").fetchone()[0], 0)
        self.assertEqual(AdminClient(self.server).sign_in(*ADMIN), 303)


class SettingsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server([load_seed()]).start()
        add_user(cls.server, ADMIN[0], "admin", ADMIN[1])
        cls.admin = AdminClient(cls.server, *ADMIN)

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def current(self):
        page = self.admin.get("/admin/settings")[2]
        return dict(re.findall(r'name="(\w+)"(?: type="url")? value="([^"]*)"', page))

    def test_a_new_name_shows_on_every_page_at_once(self):
        for path in ["/", "/columns/back-channel", "/newsletter"]:
            self.assertIn("Al-Monitor", self.server.get(path)[2])  # and now in the page cache
        fields = self.current()
        fields.update(name="Al-Monitor Pulse", cookie_notice="We use cookies.", copyright="© 2026 Pulse")
        self.assertEqual(self.admin.post("/admin/settings", fields)[0], 303)
        for path in ["/", "/columns/back-channel", "/newsletter"]:
            body = self.server.get(path)[2]
            self.assertIn("Al-Monitor Pulse", body, path)
            self.assertIn("© 2026 Pulse", body, path)
        with connect_db(self.server.db) as db:
            rows = db.execute("SELECT actor, detail FROM audit_log WHERE action = 'settings.update'").fetchall()
        self.assertEqual(rows[-1], (ADMIN[0], "name, copyright, cookie_notice"))

    def test_values_that_would_break_the_site_are_refused_with_the_field(self):
        before = self.current()
        for field, value, message in [("base_url", "ftp://example.com", "base_url: must start with http://"),
                                      ("timezone", "Mars/Olympus", "timezone: 'Mars/Olympus' is not a known"),
                                      ("name", "", "name: ")]:
            fields = dict(before, **{field: value})
            status, _, body = self.admin.post("/admin/settings", fields)
            self.assertEqual(status, 400, field)
            self.assertIn(message, body.replace("&#39;", "'"))
            self.assertEqual(self.current(), before)


class ApiPermissionTest(unittest.TestCase):
    """Ghost's rules through the API with tokens that act as accounts: each
    cell of contributor / author / editor / admin against own and others'
    drafts and published articles."""

    @classmethod
    def setUpClass(cls):
        bundle = load_seed()
        bundle["authors"].append({"slug": "mine", "name": "Mine Writer", "bio": ""})
        cls.server = Server([bundle]).start()
        cls.tokens = {}
        for role in ["contributor", "author", "editor", "admin"]:
            add_user(cls.server, role + "@example.com", role, role + " password!", "mine")
            r = run_cli(cls.server.db, "token", "create", "--name", role + " script", "--user", role + "@example.com")
            assert r.returncode == 0, r.stderr
            cls.tokens[role] = r.stdout.strip()
        cls.seq = 0

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def make(self, authors, status):
        ApiPermissionTest.seq += 1
        slug = "perm-%d" % self.seq
        body = {"slug": slug, "title": "T", "summary": "S", "body": "B", "authors": authors,
                "column": "back-channel", "status": status,
                "published_at": "2016-09-28T10:00:00Z" if status == "published" else None}
        status_code, _, answer = api(self.server, "POST", "/api/admin/articles", self.tokens["admin"], body)
        assert status_code == 201, answer
        return slug

    def test_every_cell(self):
        own, other = ["mine"], ["laura-rozen"]
        # (role, article's byline, article's status, may edit)
        cells = [("contributor", own, "draft", True), ("contributor", other, "draft", False),
                 ("contributor", own, "published", False), ("contributor", other, "published", False),
                 ("author", own, "draft", True), ("author", other, "draft", False),
                 ("author", own, "published", True), ("author", other, "published", False),
                 ("editor", own, "draft", True), ("editor", other, "draft", True),
                 ("editor", own, "published", True), ("editor", other, "published", True),
                 ("admin", own, "draft", True), ("admin", other, "draft", True),
                 ("admin", own, "published", True), ("admin", other, "published", True)]
        for role, byline, status, allowed in cells:
            slug = self.make(byline, status)
            code, _, answer = api(self.server, "PATCH", "/api/admin/articles/" + slug, self.tokens[role],
                                  {"title": "Changed by " + role})
            self.assertEqual(code, 200 if allowed else 403, (role, byline, status, answer))
            code, _, answer = api(self.server, "GET", "/api/admin/articles/" + slug, self.tokens["admin"])
            self.assertEqual(answer["title"], "Changed by " + role if allowed else "T")
        # Publishing: authors and up, their own; contributors never.
        for role, allowed in [("contributor", False), ("author", True), ("editor", True), ("admin", True)]:
            slug = self.make(["mine"], "draft")
            code, _, _ = api(self.server, "PATCH", "/api/admin/articles/" + slug, self.tokens[role],
                             {"status": "published", "published_at": "2016-09-28T10:00:00Z"})
            self.assertEqual(code, 200 if allowed else 403, role)
        # Trash and taxonomy: editors and admins.
        for role, allowed in [("contributor", False), ("author", False), ("editor", True), ("admin", True)]:
            slug = self.make(["mine"], "draft")
            self.assertEqual(api(self.server, "DELETE", "/api/admin/articles/" + slug, self.tokens[role])[0],
                             204 if allowed else 403, role)
            code = api(self.server, "POST", "/api/admin/tags", self.tokens[role],
                       {"slug": "tag-by-" + role, "name": "Tag"})[0]
            self.assertEqual(code, 201 if allowed else 403, role)

    def test_a_demoted_account_s_token_is_demoted_at_once(self):
        add_user(self.server, "demoted@example.com", "editor", "demoted password", "mine")
        r = run_cli(self.server.db, "token", "create", "--name", "demoted script", "--user", "demoted@example.com")
        token = r.stdout.strip()
        slug = self.make(["laura-rozen"], "draft")
        with connect_db(self.server.db) as db:
            db.execute("UPDATE users SET role = 'contributor' WHERE email = 'demoted@example.com'")
        self.assertEqual(api(self.server, "PATCH", "/api/admin/articles/" + slug, token, {"title": "x"})[0], 403)


if __name__ == "__main__":
    unittest.main()
