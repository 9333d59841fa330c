"""Authors, columns and tags managed in the admin and carried by bundles and
the API: profiles (email, links) on the author page, column order and tag
descriptions; bad values refused with the field named (issue #10)."""
import json
import re
import unittest

from admin_client import AdminClient, api
from harness import Server, load_seed, run_cli, connect_db


class TaxonomyAdminTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server([load_seed()]).start()
        for email, role in [("ed@example.com", "editor"), ("au@example.com", "author")]:
            r = run_cli(cls.server.db, "user", "add", "--email", email, "--name", role.title(), "--role", role,
                        "--author", "laura-rozen", stdin="a long password\n")
            assert r.returncode == 0, r.stderr
        cls.editor = AdminClient(cls.server, "ed@example.com", "a long password")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def author_form(self):
        page = self.editor.get("/admin/authors?edit=laura-rozen")[2]
        fields = dict(re.findall(r'name="(\w+)" type="\w+" value="([^"]*)"', page))
        fields.update(re.findall(r'name="(\w+)" rows="4">([^<]*)</textarea>', page))
        fields["editing"] = "1"
        return fields

    def test_an_author_s_profile_shows_on_the_author_page(self):
        self.assertIn("Laura Rozen", self.server.get("/authors/laura-rozen")[2])  # cached now
        fields = self.author_form()
        self.assertEqual(fields["slug"], "laura-rozen")
        fields.update(bio="Diplomatic correspondent.", email="laura@al-monitor.com",
                      links="https://x.com/lrozen\r\n\r\n https://www.al-monitor.com/authors/laura \n")
        status, headers, _ = self.editor.post("/admin/authors", fields)
        self.assertEqual(status, 303, _)
        page = self.server.get("/authors/laura-rozen")[2]
        self.assertIn("Diplomatic correspondent.", page)
        self.assertIn('<a href="mailto:laura@al-monitor.com">laura@al-monitor.com</a>', page)
        self.assertIn('<a href="https://x.com/lrozen" rel="me">x.com</a>', page)
        self.assertIn('rel="me">al-monitor.com</a>', page)
        # The API and the export carry the same profile.
        token = run_cli(self.server.db, "token", "create", "--name", "t", "--role", "editor").stdout.strip()
        _, _, author = api(self.server, "GET", "/api/admin/authors/laura-rozen", token)
        self.assertEqual(author["links"], ["https://x.com/lrozen", "https://www.al-monitor.com/authors/laura"])
        self.assertEqual(author["email"], "laura@al-monitor.com")

    def test_bad_profile_values_are_refused_with_the_field(self):
        before = self.author_form()
        for field, value, message in [("links", "javascript:alert(1)", "links[0]: must start with http://"),
                                      ("links", "https://ok.example\nhttps://bad example", "links[1]: contains a space"),
                                      ("email", "not an address", "email: "),
                                      ("name", "", "name: ")]:
            status, _, body = self.editor.post("/admin/authors", dict(before, **{field: value}))
            self.assertEqual(status, 400, (field, body[-2000:]))
            self.assertIn("author laura-rozen: " + message, body)
            self.assertEqual(self.author_form(), before)

    def test_columns_order_and_tags_descriptions(self):
        status, _, body = self.editor.post("/admin/columns", {"slug": "aaa-first-by-name", "name": "Aaa",
                                                              "title": "Aaa", "position": "5"})
        self.assertEqual(status, 303, body)
        status, _, body = self.editor.post("/admin/columns", {"slug": "zzz-before", "name": "Zzz", "title": "Zzz",
                                                              "position": "1", "send_newsletter": "1"})
        self.assertEqual(status, 303, body)
        status, _, body = self.editor.post("/admin/columns", {"slug": "bad-place", "name": "B", "position": "-3"})
        self.assertEqual(status, 400)
        self.assertIn("position: must be a whole number", body)
        with connect_db(self.server.db) as db:
            self.assertEqual(db.execute("SELECT send_newsletter FROM columns WHERE slug = 'aaa-first-by-name'")
                             .fetchone()[0], 0)  # an unticked box is false
        page = self.server.get("/newsletter")[2]
        self.assertLess(page.index("Zzz"), page.index("Aaa"))
        # A slug that exists is not overwritten by "add".
        status, _, body = self.editor.post("/admin/columns", {"slug": "zzz-before", "name": "Other", "title": "O"})
        self.assertEqual(status, 409)
        status, _, _ = self.editor.post("/admin/tags", {"slug": "syria", "name": "Syria",
                                                        "description": "The war and its diplomacy.",
                                                        "editing": "1"})
        self.assertEqual(status, 303)
        self.assertIn("The war and its diplomacy.", self.server.get("/tags/syria")[2])

    def test_deleting_what_articles_use_is_refused(self):
        status, _, body = self.editor.post("/admin/columns/delete", {"slug": "back-channel"})
        self.assertEqual(status, 409)
        self.assertIn("articles still carry it", body)
        self.editor.post("/admin/tags", {"slug": "unused-tag", "name": "Unused"})
        self.assertEqual(self.editor.post("/admin/tags/delete", {"slug": "unused-tag"})[0], 303)
        self.assertEqual(self.server.get("/admin/tags")[0], 303)  # not signed in: to the sign-in page

    def test_authors_may_not_manage_them(self):
        author = AdminClient(self.server, "au@example.com", "a long password")
        self.assertEqual(author.get("/admin/authors")[0], 403)
        self.assertEqual(author.post("/admin/tags", {"slug": "by-author", "name": "X"})[0], 403)
        self.assertEqual(author.post("/admin/authors/delete", {"slug": "laura-rozen"})[0], 403)
        self.assertEqual(self.editor.post("/admin/tags", {"slug": "forged", "name": "X"}, csrf=False)[0], 403)
        with connect_db(self.server.db) as db:
            self.assertEqual(db.execute("SELECT COUNT(*) FROM tags WHERE slug IN ('by-author', 'forged')")
                             .fetchone()[0], 0)


class ProfileBundleTest(unittest.TestCase):
    def test_bundles_carry_profiles_and_refuse_bad_ones(self):
        seed = load_seed()
        seed["authors"][0].update(email="laura@al-monitor.com", links=["https://x.com/lrozen"])
        seed["columns"][0]["position"] = 3
        seed["tags"] = [{"slug": "syria", "name": "Syria", "description": "Coverage of Syria."}]
        server = Server([seed]).start()
        try:
            token = run_cli(server.db, "token", "create", "--name", "t", "--role", "editor").stdout.strip()
            self.assertEqual(api(server, "GET", "/api/admin/authors/laura-rozen", token)[2]["links"],
                             ["https://x.com/lrozen"])
            self.assertEqual(api(server, "GET", "/api/admin/columns/back-channel", token)[2]["position"], 3)
            self.assertEqual(api(server, "GET", "/api/admin/tags/syria", token)[2]["description"],
                             "Coverage of Syria.")
            bad = {"newsdesk_bundle": 1, "authors": [{"slug": "x", "name": "X", "links": "https://x.com"}]}
            path = server.dir + "/bad.json"
            with open(path, "w") as f:
                json.dump(bad, f)
            r = run_cli(server.db, "import", path)
            self.assertEqual(r.returncode, 1)
            self.assertIn("author x: links: must be an array of URLs", r.stderr)
        finally:
            server.close()


if __name__ == "__main__":
    unittest.main()
