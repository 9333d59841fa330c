"""Static pages (About, Privacy...): from bundles, the admin, the API and
imports; served at /{slug}, listed in the footer and the sitemap (issue #12)."""
import os
import re
import unittest

from admin_client import AdminClient, api
from harness import Server, load_seed, run_cli

ABOUT = {"slug": "about", "title": "About us", "body": "We report on the **Middle East**.\n\n[Contact](/contact)"}


class PagesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        seed = load_seed()
        seed["pages"] = [ABOUT,
                         {"slug": "privacy", "title": "Privacy policy", "body": "<p>No tracking.</p>",
                          "body_format": "html", "position": 1},
                         {"slug": "draft-terms", "title": "Terms", "body": "Soon.", "status": "draft"},
                         {"slug": "contact", "title": "Contact", "body": "Write to us.", "in_footer": False}]
        cls.server = Server([seed]).start()
        r = run_cli(cls.server.db, "user", "add", "--email", "ed@example.com", "--name", "Ed", "--role", "editor",
                    stdin="a long password\n")
        assert r.returncode == 0, r.stderr
        cls.editor = AdminClient(cls.server, "ed@example.com", "a long password")
        cls.token = run_cli(cls.server.db, "token", "create", "--name", "t", "--role", "editor").stdout.strip()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_a_page_is_served_at_its_top_level_path(self):
        status, _, body = self.server.get("/about")
        self.assertEqual(status, 200)
        self.assertIn('<h1 class="article-title">About us</h1>', body)
        self.assertIn("<strong>Middle East</strong>", body)
        self.assertIn("<title>About us | Al-Monitor</title>", body)
        self.assertRegex(body, r'<link rel="canonical" href="https?://[^"/]+/about">')
        status, headers, _ = self.server.get("/about/")
        self.assertEqual((status, headers.get("location")), (301, "/about"))
        self.assertEqual(self.server.get("/draft-terms")[0], 404)
        self.assertEqual(self.server.get("/nothing-here")[0], 404)

    def test_the_footer_lists_published_footer_pages_in_order(self):
        for path in ["/", "/columns/back-channel", "/search"]:
            body = self.server.get(path)[2]
            nav = body.split('<nav class="footer-pages"')[1].split("</nav>")[0]
            self.assertEqual(re.findall(r'<a href="([^"]+)">', nav), ["/about", "/privacy"])
            # The page still ends with the copyright line and the newsletter pitch.
            footer = body.split('<footer class="site-footer">')[1]
            self.assertLess(footer.index("footer-pages"), footer.index('class="copyright"'))

    def test_pages_are_in_the_sitemap(self):
        sitemap = self.server.get("/sitemap.xml")[2]
        self.assertRegex(sitemap, r"<loc>https?://[^<]+/about</loc>")
        self.assertRegex(sitemap, r"<loc>https?://[^<]+/contact</loc>")
        self.assertNotIn("draft-terms", sitemap)

    def test_a_reserved_slug_is_refused_naming_the_page_and_field(self):
        bad = os.path.join(self.server.dir, "bad.json")
        with open(bad, "w") as f:
            f.write('{"newsdesk_bundle": 1, "pages": [{"slug": "search", "title": "S", "body": ""}]}')
        r = run_cli(self.server.db, "import", bad)
        self.assertEqual(r.returncode, 1)
        self.assertIn("page search: slug:", r.stderr)
        with open(bad, "w") as f:
            f.write('{"newsdesk_bundle": 1, "pages": [{"slug": "x", "title": "X", "colour": "red"}]}')
        r = run_cli(self.server.db, "import", bad)
        self.assertIn("page x: colour: is not a known field", r.stderr)

    def test_the_admin_writes_renames_and_deletes_a_page(self):
        listing = self.editor.get("/admin/pages")[2]
        self.assertIn("About us", listing)
        self.assertIn("Draft", listing)
        form = {"original_slug": "", "slug": "masthead", "title": "Masthead", "body": "Who we are.",
                "body_format": "markdown", "status": "published", "in_footer": "1", "position": "5"}
        status, headers, body = self.editor.post("/admin/pages", form)
        self.assertEqual(status, 303, body)
        self.assertIn("Who we are.", self.server.get("/masthead")[2])
        self.assertIn('href="/masthead"', self.server.get("/")[2])
        # Renamed: the old path leads to the new one.
        status, _, body = self.editor.post("/admin/pages", dict(form, original_slug="masthead", slug="our-team"))
        self.assertEqual(status, 303, body)
        status, headers, _ = self.server.get("/masthead")
        self.assertEqual((status, headers.get("location")), (301, "/our-team"))
        # A bad value comes back with the field named, and nothing is stored.
        status, _, body = self.editor.post("/admin/pages", dict(form, slug="admin"))
        self.assertEqual(status, 400)
        self.assertIn("page admin: slug:", body)
        status, _, body = self.editor.post("/admin/pages", dict(form, original_slug="our-team", slug="our-team", title=""))
        self.assertEqual(status, 400)
        self.assertIn("title", body)
        self.assertEqual(self.server.get("/our-team")[0], 200)
        status, _, _ = self.editor.post("/admin/pages/delete", {"slug": "our-team"})
        self.assertEqual(status, 303)
        self.assertEqual(self.server.get("/our-team")[0], 404)

    def test_the_api_reads_and_writes_pages(self):
        status, _, body = api(self.server, "PUT", "/api/admin/pages/legal", self.token,
                              {"title": "Legal notice", "body": "Company details."})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["slug"], "legal")
        self.assertEqual(body["status"], "published")
        status, _, body = api(self.server, "GET", "/api/admin/pages", self.token)
        self.assertIn("legal", [p["slug"] for p in body["pages"]])
        status, _, body = api(self.server, "PUT", "/api/admin/pages/legal", self.token, {"title": "L", "sumary": "x"})
        self.assertEqual(status, 400)
        self.assertIn("sumary", str(body))
        self.assertEqual(api(self.server, "DELETE", "/api/admin/pages/legal", self.token)[0], 204)
        self.assertEqual(api(self.server, "GET", "/api/admin/pages/legal", self.token)[0], 404)


if __name__ == "__main__":
    unittest.main()
