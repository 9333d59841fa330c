"""A site's own theme folder laid over the default theme (issue #13): it holds
only what it changes (a page template, a partial, site.css), everything else
comes from themes/default; a broken template stops the server with its name."""
import json
import os
import re
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
        # A 600 × 60 logo (a PNG header is all that is read for its size).
        import struct, zlib
        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
        rows = b"".join(b"\x00" + b"\x00\x00\x00" * 600 for _ in range(60))
        logo = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 600, 60, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
        with open(os.path.join(cls.theme, "assets", "logo.png"), "wb") as f:
            f.write(logo)
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

    def test_icons_and_the_publisher_logo(self):
        status, headers, _ = self.server.request("GET", "/favicon.ico")
        self.assertEqual((status, headers["content-type"]), (200, "image/x-icon"))
        self.assertEqual(headers["cache-control"], "public, max-age=86400")
        self.assertEqual(self.server.request("GET", "/apple-touch-icon.png")[0], 200)
        home = self.server.get("/")[2]
        self.assertIn('<link rel="icon" href="/favicon.ico" sizes="32x32">', home)
        self.assertIn('<link rel="apple-touch-icon" href="/apple-touch-icon.png">', home)
        page = self.server.get("/articles/us-threatens-to-halt-talks-with-russia-on-syria")[2]
        ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
        logo = ld["publisher"]["logo"]
        self.assertEqual((logo["@type"], logo["width"], logo["height"]), ("ImageObject", 600, 60))
        self.assertIn("/assets/logo.png?v=", logo["url"])

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
