"""The admin UI's sessions and CSRF protection over real HTTP."""
import re
import unittest
import urllib.parse

from harness import Server, load_seed, run_cli


class AdminUiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server([load_seed()]).start()
        r = run_cli(cls.server.db, "user", "add", "--email", "c@example.com", "--name", "Con", "--role",
                    "contributor", "--author", "laura-rozen", stdin="contributor password\n")
        assert r.returncode == 0, r.stderr

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def post(self, path, fields, cookie=None):
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if cookie:
            headers["Cookie"] = cookie
        return self.server.request("POST", path, body=urllib.parse.urlencode(fields, doseq=True), headers=headers)

    def sign_in(self):
        status, headers, _ = self.post("/admin/sign-in", {"email": "c@example.com", "password": "contributor password"})
        self.assertEqual(status, 303)
        cookie = headers["set-cookie"]
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Strict", cookie)
        self.assertIn("Path=/admin", cookie)
        return cookie.split(";")[0]

    def test_pages_need_a_session(self):
        for path in ["/admin", "/admin/articles/new", "/admin/articles/us-threatens-to-halt-talks-with-russia-on-syria"]:
            status, headers, _ = self.server.get(path)
            self.assertEqual((status, headers["location"]), (303, "/admin/sign-in"))
        status, _, _ = self.post("/admin/sign-in", {"email": "c@example.com", "password": "wrong"})
        self.assertEqual(status, 401)
        status, _, _ = self.post("/admin/sign-in", {"email": "nobody@example.com", "password": "whatever"})
        self.assertEqual(status, 401)

    def test_posts_without_the_csrf_token_are_refused(self):
        cookie = self.sign_in()
        fields = {"title": "Forged", "slug": "forged", "column": "back-channel",
                  "author_1": "laura-rozen", "status": "draft"}
        status, _, _ = self.post("/admin/articles", fields, cookie)
        self.assertEqual(status, 403)
        status, _, _ = self.post("/admin/articles", dict(fields, csrf="0" * 64), cookie)
        self.assertEqual(status, 403)
        page = self.server.get("/admin/articles/new", {"Cookie": cookie})[2]
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
        status, headers, _ = self.post("/admin/articles", dict(fields, csrf=csrf), cookie)
        self.assertEqual((status, headers["location"]), (303, "/admin/articles/forged?saved=1"))

    def test_contributors_write_drafts_only(self):
        cookie = self.sign_in()
        page = self.server.get("/admin/articles/new", {"Cookie": cookie})[2]
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
        status, _, body = self.post("/admin/articles", {"csrf": csrf, "title": "Hot news",
                                                        "slug": "hot-news", "column": "back-channel",
                                                        "author_1": "laura-rozen", "status": "published"}, cookie)
        self.assertEqual(status, 403)
        self.assertIn("a contributor may save a draft or submit it for review, not publish", body)
        self.assertIn('value="Hot news"', body)
        self.assertEqual(self.server.get("/articles/hot-news")[0], 404)

    def test_contributors_and_authors_work_on_their_own_bylines(self):
        bundle = {"newsdesk_bundle": 1, "authors": [{"slug": "other-writer", "name": "Other Writer", "bio": ""}],
                  "articles": [{"slug": "someone-elses-draft", "title": "Theirs", "authors": ["other-writer"],
                                "column": "back-channel", "status": "draft"}]}
        self.server.import_bundle(bundle)
        run_cli(self.server.db, "user", "add", "--email", "au@example.com", "--name", "Au Thor", "--role", "author",
                "--author", "other-writer", stdin="author password!\n")
        r = run_cli(self.server.db, "user", "add", "--email", "x@example.com", "--name", "X", "--role", "author",
                    "--author", "nobody-at-all", stdin="author password!\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("author: no author with slug 'nobody-at-all'", r.stderr)
        con = self.sign_in()  # a contributor with Laura Rozen's byline
        page = self.server.get("/admin/articles/someone-elses-draft", {"Cookie": con})[2]
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
        fields = {"csrf": csrf, "original_slug": "someone-elses-draft", "slug": "someone-elses-draft",
                  "title": "Rewritten by Con", "column": "back-channel", "author_1": "other-writer", "status": "draft"}
        status, _, body = self.post("/admin/articles", fields, con)
        self.assertEqual(status, 403)
        self.assertIn("you may edit only articles that carry your byline", body)
        # Adding oneself to the byline does not make it one's own.
        status, _, _ = self.post("/admin/articles", dict(fields, author_2="laura-rozen"), con)
        self.assertEqual(status, 403)
        # Its author may.
        status, headers, _ = self.post("/admin/sign-in", {"email": "au@example.com", "password": "author password!"})
        au = headers["set-cookie"].split(";")[0]
        page = self.server.get("/admin/articles/someone-elses-draft", {"Cookie": au})[2]
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
        status, _, _ = self.post("/admin/articles", dict(fields, csrf=csrf, title="Edited by its author"), au)
        self.assertEqual(status, 303)
        # ... but not a published story of Laura Rozen's.
        slug = "us-threatens-to-halt-talks-with-russia-on-syria"
        page = self.server.get("/admin/articles/" + slug, {"Cookie": au})[2]
        status, _, _ = self.post("/admin/articles", {"csrf": csrf, "original_slug": slug, "slug": slug,
                                                     "title": "Hijacked", "column": "back-channel",
                                                     "author_1": "laura-rozen", "status": "published"}, au)
        self.assertEqual(status, 403)
        self.assertNotIn("Hijacked", self.server.get("/articles/" + slug)[2])

    def test_sign_in_limits_count_failures_not_successes(self):
        r = run_cli(self.server.db, "user", "add", "--email", "busy@example.com", "--name", "Busy", "--role",
                    "editor", stdin="busy password\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        # A newsroom behind one address signs in all day.
        for _ in range(25):
            status, _, _ = self.post("/admin/sign-in", {"email": "busy@example.com", "password": "busy password"})
            self.assertEqual(status, 303)
        # Someone guessing one account's password is stopped after 10 failures,
        # even with the right one; other accounts from the same address are not.
        r = run_cli(self.server.db, "user", "add", "--email", "target@example.com", "--name", "Target", "--role",
                    "editor", stdin="target password\n")
        for _ in range(10):
            status, _, _ = self.post("/admin/sign-in", {"email": "target@example.com", "password": "guess"})
            self.assertEqual(status, 401)
        status, headers, body = self.post("/admin/sign-in", {"email": "Target@example.com",
                                                             "password": "target password"})
        self.assertEqual(status, 429)
        self.assertIn("Too many failed sign-ins. Try again in 15 minutes.", body)
        self.assertGreater(int(headers["retry-after"]), 800)
        status, _, _ = self.post("/admin/sign-in", {"email": "busy@example.com", "password": "busy password"})
        self.assertEqual(status, 303)

    def test_sign_out_ends_the_session(self):
        cookie = self.sign_in()
        page = self.server.get("/admin", {"Cookie": cookie})[2]
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
        status, headers, _ = self.post("/admin/sign-out", {"csrf": csrf}, cookie)
        self.assertEqual(status, 303)
        self.assertEqual(self.server.get("/admin", {"Cookie": cookie})[0], 303)


if __name__ == "__main__":
    unittest.main()
