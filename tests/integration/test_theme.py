"""A site's own theme folder laid over the default theme (issue #13): it holds
only what it changes (a page template, a partial, site.css), everything else
comes from themes/default; a broken template stops the server with its name."""
import os
import subprocess
import unittest

from harness import BIN, Server, load_seed


class SiteThemeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        seed = load_seed()
        seed["pages"] = [{"slug": "about", "title": "About us", "body": "A newsroom."},
                         {"slug": "privacy", "title": "Privacy", "body": "None kept."}]
        cls.theme = None
        cls.server = Server([seed])
        cls.theme = os.path.join(cls.server.dir, "mysite-theme")
        for folder in ["templates", "partials", "assets"]:
            os.makedirs(os.path.join(cls.theme, folder))
        files = {
            "assets/site.css": ":root { --accent: #00557f; }\n",
            "templates/page-about.mustache": '<article class="article about-us"><h1 class="article-title">{{title}}</h1>'
                                             '<div class="article-body">{{{body}}}</div><p>Our own About layout</p></article>\n',
            "partials/listing_item.mustache": '<article class="listing-item my-item"><h2><a href="{{url}}">{{title}}</a></h2>'
                                              "</article>\n",
        }
        for name, text in files.items():
            with open(os.path.join(cls.theme, name), "w") as f:
                f.write(text)
        cls.server.extra_args = ["--theme", cls.theme]
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_what_the_folder_has_replaces_the_default(self):
        about = self.server.get("/about")[2]
        self.assertIn("Our own About layout", about)
        self.assertIn("<p>A newsroom.</p>", about)
        privacy = self.server.get("/privacy")[2]
        self.assertNotIn("Our own About layout", privacy)  # only page-about was replaced
        self.assertIn('<article class="article static-page">', privacy)
        column = self.server.get("/columns/back-channel")[2]
        self.assertIn('class="listing-item my-item"', column)  # the partial, everywhere it is used

    def test_site_css_is_added_after_the_default_stylesheet(self):
        home = self.server.get("/")[2]
        default_css = home.index('href="/assets/style.css?v=')
        site_css = home.index('href="/assets/site.css?v=')
        self.assertLess(default_css, site_css)
        status, _, css = self.server.get("/assets/site.css")
        self.assertEqual((status, css), (200, ":root { --accent: #00557f; }\n"))
        status, _, css = self.server.get("/assets/style.css")
        self.assertEqual(status, 200)
        self.assertIn("prefers-color-scheme: dark", css)  # the default theme's own

    def test_a_template_that_does_not_parse_stops_the_server_naming_it(self):
        broken = os.path.join(self.server.dir, "broken-theme", "templates")
        os.makedirs(broken)
        with open(os.path.join(broken, "page.mustache"), "w") as f:
            f.write("{{#title}} never closed\n")
        r = subprocess.run([BIN, "--db", self.server.db, "export-static", "--theme", os.path.dirname(broken),
                            "--out", os.path.join(self.server.dir, "out")], capture_output=True, text=True, timeout=60)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("template page", r.stderr)


if __name__ == "__main__":
    unittest.main()
