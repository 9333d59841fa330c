"""Pictures where readers see them (issue #11): the featured image on the
article page, in listings, in shares (og:image crops from the focal point),
in JSON-LD, in feeds and in the newsletter email; Markdown figures; alt text
required to publish; a bundle's image files uploaded at import. Real images
made with libvips' command-line tool and measured with vipsheader."""
import http.client
import json
import os
import re
import shutil
import subprocess
import time
import unittest
import urllib.parse

import feedparser

from admin_client import AdminClient, api
from harness import Server, load_seed, run_cli
from smtp_peer import SmtpPeer
from test_media import multipart

HAVE_TOOLS = shutil.which("vips") and shutil.which("vipsheader")
FROM = "Al-Monitor <newsletter@al-monitor.test>"


def iso(ts):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def make_jpeg(path, width, height):
    subprocess.run(["vips", "black", path + "[Q=85]", str(width), str(height), "--bands", "3"], check=True)
    with open(path, "rb") as f:
        return f.read()


@unittest.skipUnless(HAVE_TOOLS, "needs vips and vipsheader (scripts/bootstrap)")
class PicturesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.smtp = SmtpPeer().start()
        cls.server = Server([load_seed()], extra_args=[
            "--smtp-url", cls.smtp.url, "--mail-from", FROM, "--mail-retry-base", "1",
            "--subscribe-limit", "1000"]).start()
        cls.token = run_cli(cls.server.db, "token", "create", "--name", "t", "--role", "editor").stdout.strip()
        cls.photo = make_jpeg(os.path.join(cls.server.dir, "wide.jpg"), 2400, 1600)

    @classmethod
    def tearDownClass(cls):
        cls.server.close()
        cls.smtp.stop()

    def upload(self, data, file_name="photo.jpg", **fields):
        content_type, body = multipart(fields, file_name, data)
        status, _, text = self.server.request("POST", "/api/admin/media", body=body, headers={
            "Authorization": "Bearer " + self.token, "Content-Type": content_type})
        self.assertEqual(status, 201, text)
        return json.loads(text)

    def api(self, method, path, body=None):
        status, _, parsed = api(self.server, method, path, self.token, body)
        return status, parsed

    def article(self, slug, **extra):
        a = {"slug": slug, "title": "Story " + slug, "summary": "A summary.", "body": "Text.",
             "authors": ["laura-rozen"], "column": "back-channel", "status": "published",
             "published_at": iso(time.time() - 60)}
        a.update(extra)
        return a

    def size_of(self, url):
        """The pixel size of an image the server serves, read by vipsheader."""
        path = urllib.parse.urlsplit(url).path
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        try:
            conn.request("GET", path)
            r = conn.getresponse()
            body = r.read()
        finally:
            conn.close()
        self.assertEqual(r.status, 200, path)
        self.assertTrue(r.getheader("Content-Type").startswith("image/"), path)
        self.assertIn("immutable", r.getheader("Cache-Control"))
        out = os.path.join(self.server.dir, "probe" + os.path.splitext(path)[1])
        with open(out, "wb") as f:
            f.write(body)
        w = subprocess.run(["vipsheader", "-f", "width", out], capture_output=True, text=True, check=True).stdout
        h = subprocess.run(["vipsheader", "-f", "height", out], capture_output=True, text=True, check=True).stdout
        return int(w), int(h)

    def test_featured_image_on_the_page_in_shares_and_in_structured_data(self):
        item = self.upload(self.photo, alt="Delegates at the table", caption="The talks in Geneva",
                           credit="Photo: Staff")
        status, body = self.api("POST", "/api/admin/articles",
                                self.article("with-picture", image={"src": item["id"], "caption": "Talks resume"}))
        self.assertEqual(status, 201, body)
        self.assertEqual(body["image"]["src"], item["id"])
        status, _, page = self.server.get("/articles/with-picture")
        self.assertEqual(status, 200)
        # The lead image: WebP and JPEG sources, a size for no layout shift,
        # loaded at once, this article's caption and the image's own credit.
        lead = re.search(r'<figure class="lead-image">(.*?)</figure>', page, re.S)
        self.assertIsNotNone(lead, page)
        lead = lead.group(1)
        self.assertIn('<source type="image/webp" srcset="/media/%s-320.webp 320w' % item["id"], lead)
        self.assertIn("/media/%s-1920.jpg 1920w, /media/%s.jpg 2400w" % (item["id"], item["id"]), lead)
        self.assertIn('width="2400" height="1600" alt="Delegates at the table"', lead)
        self.assertNotIn('loading="lazy"', lead)
        self.assertIn('<figcaption>Talks resume <span class="credit">Photo: Staff</span></figcaption>', lead)
        for src in re.findall(r'(/media/[^ "]+) \d+w', lead):
            status, _, _ = self.server.request("HEAD", src)
            self.assertEqual(status, 200, src)
        # Shares: a 1200 x 630 crop, large card.
        og = re.search(r'<meta property="og:image" content="([^"]+)">', page).group(1)
        self.assertTrue(og.startswith("http"), og)
        self.assertIn('<meta name="twitter:card" content="summary_large_image">', page)
        self.assertIn('<meta name="twitter:image" content="%s">' % og, page)
        self.assertEqual(self.size_of(og), (1200, 630))
        # JSON-LD: 16:9, 4:3 and 1:1, 1200 wide.
        ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
        self.assertEqual([self.size_of(u) for u in ld["image"]], [(1200, 675), (1200, 900), (1200, 1200)])
        # A new focal point is a new URL (the old crop is immutable in caches).
        status, _ = self.api("PATCH", "/api/admin/media/" + item["id"], {"focal_x": 0.1, "focal_y": 0.9})
        self.assertEqual(status, 200)
        _, _, page = self.server.get("/articles/with-picture")
        moved = re.search(r'<meta property="og:image" content="([^"]+)">', page).group(1)
        self.assertNotEqual(moved, og)
        self.assertIn("-10-90.jpg", moved)
        self.assertEqual(self.size_of(moved), (1200, 630))
        status, _, _ = self.server.request("GET", urllib.parse.urlsplit(og).path)
        self.assertEqual(status, 404, "only crops of the current focal point are made")
        # In use: not deleted.
        status, _ = self.api("DELETE", "/api/admin/media/" + item["id"])
        self.assertEqual(status, 409)

    def test_listings_show_thumbnails_and_feeds_carry_the_image(self):
        item = self.upload(make_jpeg(os.path.join(self.server.dir, "t.jpg"), 1000, 800), alt="Thumb")
        status, body = self.api("POST", "/api/admin/articles", self.article("thumbnailed", image={"src": item["id"]}))
        self.assertEqual(status, 201, body)
        # The newest article leads the front page, its picture large and not lazy.
        _, _, home = self.server.get("/")
        lead = re.search(r'<article class="listing-item lead-story">\s*<picture>.*?%s-960.webp 960w.*?'
                         r'(<img class="lead-story-image"[^>]*>)' % item["id"], home, re.S)
        self.assertIsNotNone(lead, home[:3000])
        self.assertIn('alt=""', lead.group(1))
        self.assertNotIn('loading="lazy"', lead.group(1))
        for path in ("/page/2", "/columns/back-channel", "/authors/laura-rozen")[1:]:
            _, _, page = self.server.get(path)
            thumb = re.search(r'<picture><source type="image/webp" srcset="[^"]*%s-320.webp 320w[^>]*>'
                              r'<img class="listing-thumb"[^>]*>' % item["id"], page)
            self.assertIsNotNone(thumb, path)
            self.assertIn('alt=""', thumb.group(0), "decorative beside its linked title")
            self.assertIn('width="320" height="256"', thumb.group(0))
        status, _, atom = self.server.get("/feed.xml")
        feed = feedparser.parse(atom)
        entry = next(e for e in feed.entries if e.link.endswith("/articles/thumbnailed"))
        self.assertTrue(entry.media_content[0]["url"].endswith("/media/%s.jpg" % item["id"]), entry.media_content)
        self.assertEqual(entry.media_content[0]["width"], "1000")
        status, _, rss = self.server.get("/rss.xml")
        entry = next(e for e in feedparser.parse(rss).entries if e.link.endswith("/articles/thumbnailed"))
        self.assertTrue(entry.media_content[0]["url"].startswith("http"))

    def test_markdown_images_of_uploads_become_figures(self):
        item = self.upload(make_jpeg(os.path.join(self.server.dir, "chart.jpg"), 1400, 700), alt="",
                           credit="Chart: Desk")
        body = 'Before.\n\n![Oil output by month](/media/%s.jpg "Output fell in March")\n\nAfter.' % item["id"]
        status, res = self.api("POST", "/api/admin/articles", self.article("with-figure", body=body))
        self.assertEqual(status, 201, res)
        _, _, page = self.server.get("/articles/with-figure")
        figure = re.search(r"<figure>(.*?)</figure>", page, re.S).group(1)
        self.assertIn('srcset="/media/%s-320.webp 320w' % item["id"], figure)
        self.assertIn('alt="Oil output by month"', figure)
        self.assertIn('loading="lazy"', figure)
        self.assertIn('<figcaption>Output fell in March <span class="credit">Chart: Desk</span></figcaption>',
                      figure)
        status, res = self.api("GET", "/api/admin/media/" + item["id"])
        self.assertEqual(res["used_by"], ["article:with-figure"])

    def test_publishing_an_image_without_alt_text_is_refused(self):
        item = self.upload(make_jpeg(os.path.join(self.server.dir, "noalt.jpg"), 800, 600), file_name="noalt.jpg")
        status, res = self.api("POST", "/api/admin/articles", self.article("no-alt", image={"src": item["id"]}))
        self.assertEqual(status, 400, res)
        self.assertEqual(res["error"]["field"], "image.alt")
        self.assertIn("noalt.jpg", res["error"]["message"])
        self.assertEqual(self.server.get("/articles/no-alt")[0], 404, "nothing stored")
        body = "![](/media/%s.jpg)" % item["id"]
        status, res = self.api("POST", "/api/admin/articles", self.article("no-alt", body=body))
        self.assertEqual((status, res["error"]["field"]), (400, "body"), res)
        # A draft may wait for its description; alt text given here is enough to publish.
        status, res = self.api("POST", "/api/admin/articles",
                               self.article("no-alt", status="draft", image={"src": item["id"]}))
        self.assertEqual(status, 201, res)
        status, res = self.api("PATCH", "/api/admin/articles/no-alt",
                               {"status": "published", "published_at": iso(time.time() - 5),
                                "image": {"src": item["id"], "alt": "A quiet street"}})
        self.assertEqual(status, 200, res)
        status, res = self.api("POST", "/api/admin/articles",
                               self.article("bad-image", image={"src": "0123456789abcdef0123"}))
        self.assertEqual((status, res["error"]["field"]), (400, "image"), res)
        status, res = self.api("POST", "/api/admin/articles",
                               self.article("path-image", image={"src": "images/a.jpg", "alt": "x"}))
        self.assertEqual((status, res["error"]["field"]), (400, "image.src"), res)
        status, res = self.api("POST", "/api/admin/articles",
                               self.article("odd-image", image={"src": item["id"], "width": 3}))
        self.assertEqual((status, res["error"]["field"]), (400, "image.width"), res)

    def test_the_newsletter_shows_the_image_at_most_600_pixels_wide(self):
        address = "pictures@example.com"
        self.server.request("POST", "/newsletter/subscribe", body=urllib.parse.urlencode({"email": address}),
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
        msg = self.smtp.wait_for(1, to=address, subject="Confirm your subscription to Al-Monitor")[0]
        token = re.search(r"token=([A-Za-z0-9._-]+)", msg.get_body(preferencelist=("plain",)).get_content()).group(1)
        self.server.request("POST", "/newsletter/confirm", body="token=" + token,
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
        item = self.upload(make_jpeg(os.path.join(self.server.dir, "mailed.jpg"), 1800, 1200), alt="Wide delegates")
        body = "Intro.\n\n![A wide chart](/media/%s.jpg)\n\n![elsewhere](https://example.org/x.png)" % item["id"]
        status, res = self.api("POST", "/api/admin/articles",
                               self.article("mailed-picture", title="Mailed with a picture", body=body,
                                            image={"src": item["id"]}))
        self.assertEqual(status, 201, res)
        msg = self.smtp.wait_for(1, to=address, subject="Mailed with a picture", timeout=15)[0]
        html = msg.get_body(preferencelist=("html",)).get_content()
        imgs = re.findall(r"<img [^>]*>", html)
        self.assertEqual(len(imgs), 3, imgs)
        for img in imgs:
            self.assertIn("max-width:100%", img)
            width = re.search(r'width="(\d+)"', img)
            if width:
                self.assertLessEqual(int(width.group(1)), 600, img)
            src = re.search(r'src="([^"]+)"', img).group(1)
            self.assertTrue(src.startswith("http"), src)
        self.assertIn('alt="Wide delegates" width="600" height="400"', imgs[0])
        self.assertIn("-1280.jpg", imgs[0], "twice the width shown, for sharp screens")


@unittest.skipUnless(HAVE_TOOLS, "needs vips and vipsheader (scripts/bootstrap)")
class BundleImagesTest(unittest.TestCase):
    def test_a_bundles_image_files_are_uploaded_and_missing_ones_reported(self):
        server = Server([load_seed()])
        try:
            folder = os.path.join(server.dir, "export")
            os.makedirs(os.path.join(folder, "images"))
            make_jpeg(os.path.join(folder, "images", "lead.jpg"), 1300, 900)
            make_jpeg(os.path.join(folder, "images", "face.jpg"), 400, 400)
            with open(os.path.join(folder, "images", "fake.jpg"), "w") as f:
                f.write("<html>not a picture</html>")
            when = iso(time.time() - 3600 * 48)
            bundle = {"newsdesk_bundle": 1,
                      "authors": [{"slug": "laura-rozen", "name": "Laura Rozen", "bio": "",
                                   "photo": {"src": "images/face.jpg"}}],
                      "articles": [
                          {"slug": "pictured", "title": "Pictured", "summary": "", "body": "b",
                           "authors": ["laura-rozen"], "column": "back-channel", "status": "published",
                           "published_at": when,
                           "image": {"src": "images/lead.jpg", "alt": "The lead", "caption": "At dawn"}},
                          {"slug": "lost-picture", "title": "Lost", "summary": "", "body": "b",
                           "authors": ["laura-rozen"], "column": "back-channel", "status": "published",
                           "published_at": when, "image": {"src": "images/gone.jpg", "alt": "x"}},
                          {"slug": "fake-picture", "title": "Fake", "summary": "", "body": "b",
                           "authors": ["laura-rozen"], "column": "back-channel", "status": "published",
                           "published_at": when, "image": {"src": "images/fake.jpg", "alt": "x"}}]}
            path = os.path.join(folder, "bundle.json")
            with open(path, "w") as f:
                json.dump(bundle, f)
            report = os.path.join(server.dir, "report.json")
            r = run_cli(server.db, "import", path, "--report", report)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("images: 2 imported, 1 missing, 1 refused", r.stdout)
            self.assertIn("article lost-picture: 'images/gone.jpg' is not in", r.stderr)
            self.assertIn("article fake-picture: 'images/fake.jpg'", r.stderr)
            with open(report) as f:
                entry = json.load(f)[0]
            self.assertEqual(entry["images"], {"uploaded": 2, "missing": 1, "refused": 1})
            self.assertEqual(entry["articles"], 3)
            self.assertEqual(len(entry["warnings"]), 2)
            # A path out of the bundle's folder is an error naming the field.
            bad = dict(bundle, authors=[], articles=[dict(bundle["articles"][0], image={"src": "../x.jpg"})])
            with open(path, "w") as f:
                json.dump(bad, f)
            r = run_cli(server.db, "import", path)
            self.assertEqual(r.returncode, 1)
            self.assertIn("image.src", r.stderr)
            server.start()
            _, _, page = server.get("/articles/pictured")
            self.assertIn('alt="The lead"', page)
            self.assertIn("<figcaption>At dawn</figcaption>", page)
            _, _, page = server.get("/authors/laura-rozen")
            self.assertIn('class="author-photo"', page)
            self.assertEqual(server.get("/articles/lost-picture")[0], 200, "imported without its picture")

            # export-static writes every size the pages name; nothing else.
            out = os.path.join(server.dir, "public")
            r = run_cli(server.db, "export-static", "--out", out)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(os.path.join(out, "articles", "pictured", "index.html")) as f:
                exported = f.read()
            named = set(re.findall(r"/media/([0-9a-z.-]+)", exported))
            self.assertTrue(any(n.endswith(".webp") for n in named), named)
            for name in named:
                self.assertTrue(os.path.getsize(os.path.join(out, "media", name)) > 0, name)

            # backup keeps the masters beside it; restore brings them back.
            backup = os.path.join(server.dir, "copy.db")
            r = run_cli(server.db, "backup", "--out", backup)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("images: 2 copied", r.stdout)
            self.assertEqual(len(os.listdir(backup + ".media")), 2)
            restored = os.path.join(server.dir, "restored", "site.db")
            os.makedirs(os.path.dirname(restored))
            r = run_cli(restored, "restore", backup)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("images: 2 restored", r.stdout)
            again = os.path.join(server.dir, "again")
            r = run_cli(restored, "export-static", "--out", again)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(sorted(os.listdir(os.path.join(again, "media"))),
                             sorted(os.listdir(os.path.join(out, "media"))))
        finally:
            server.close()


@unittest.skipUnless(HAVE_TOOLS, "needs vips and vipsheader (scripts/bootstrap)")
class MediaLibraryScreenTest(unittest.TestCase):
    """The media library in the admin: upload (the form, and JSON for the
    editor), describe, focal point, where used, delete when unused."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server([load_seed()]).start()
        for email, role in (("ed@example.com", "editor"), ("co@example.com", "contributor")):
            r = run_cli(cls.server.db, "user", "add", "--email", email, "--name", role.title(), "--role", role,
                        stdin="a long password\n")
            assert r.returncode == 0, r.stderr
        cls.editor = AdminClient(cls.server, "ed@example.com", "a long password")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def post_upload(self, client, data, json_answer=False, csrf=None, **fields):
        fields = dict(fields)
        fields["csrf"] = client.csrf("/admin/media") if csrf is None else csrf
        content_type, body = multipart(fields, "desk.jpg", data)
        headers = client.headers({"Content-Type": content_type})
        if json_answer:
            headers["Accept"] = "application/json"
        return self.server.request("POST", "/admin/media", body=body, headers=headers)

    def test_upload_describe_and_delete(self):
        data = make_jpeg(os.path.join(self.server.dir, "desk.jpg"), 1200, 900)
        status, headers, _ = self.post_upload(self.editor, data, alt="", caption="The desk")
        self.assertEqual(status, 303)
        item_path = headers["location"].split("?")[0]
        media_id = item_path.rsplit("/", 1)[1]
        _, _, page = self.editor.get("/admin/media")
        self.assertIn('href="/admin/media/%s"' % media_id, page)
        self.assertIn("no alt text", page)
        _, _, page = self.editor.get("/admin/media?q=the+desk")
        self.assertIn(media_id, page)
        _, _, page = self.editor.get("/admin/media?q=nothing-like-it")
        self.assertNotIn(media_id, page)
        # Described, with a focal point.
        status, headers, _ = self.editor.post(item_path, {"alt": "A cluttered desk", "caption": "The desk",
                                                          "credit": "Staff", "focal_x": "20", "focal_y": "0"})
        self.assertEqual(status, 303)
        _, _, page = self.editor.get(item_path)
        self.assertIn("A cluttered desk", page)
        self.assertIn('value="20"', page)
        self.assertIn("-1200x630-20-0.jpg", page)
        status, _, page = self.editor.post(item_path, {"alt": "x", "caption": "", "credit": "", "focal_x": "101",
                                                       "focal_y": "5"})
        self.assertEqual(status, 400)
        self.assertIn("focal_x", page)
        # The editor's upload asks for JSON.
        other = make_jpeg(os.path.join(self.server.dir, "other.jpg"), 700, 500)
        status, _, text = self.post_upload(self.editor, other, json_answer=True, alt="Another")
        self.assertEqual(status, 201, text)
        answer = json.loads(text)
        self.assertEqual(answer["alt"], "Another")
        self.assertTrue(answer["url"].startswith("/media/"))
        status, _, text = self.post_upload(self.editor, b"not an image", json_answer=True)
        self.assertEqual(status, 400)
        self.assertEqual(json.loads(text)["error"]["field"], "file")
        status, _, _ = self.post_upload(self.editor, other, json_answer=True, csrf="0" * 64)
        self.assertEqual(status, 403, "the form's token is checked")
        # Used by an article: not deleted; unused: deleted with its files.
        form = {"title": "Desk story", "slug": "desk-story", "summary": "", "body": "Text",
                "column": "back-channel", "author_1": "laura-rozen", "status": "draft", "image_id": media_id,
                "image_alt": "", "image_caption": "", "image_credit": ""}
        status, _, page = self.editor.post("/admin/articles", form)
        self.assertEqual(status, 303, page)
        _, _, page = self.editor.get("/admin/articles/desk-story")
        self.assertIn('value="%s"' % media_id, page)
        self.assertIn("A cluttered desk", page)
        _, _, page = self.editor.get(item_path)
        self.assertIn("Article desk-story", page)
        status, _, _ = self.editor.post(item_path + "/delete", {})
        self.assertEqual(status, 409)
        status, _, _ = self.editor.post("/admin/media/%s/delete" % answer["id"], {})
        self.assertEqual(status, 303)
        self.assertEqual(self.server.get(answer["url"])[0], 404)
        contributor = AdminClient(self.server, "co@example.com", "a long password")
        status, _, _ = contributor.post(item_path + "/delete", {})
        self.assertEqual(status, 403)


WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Pictured Press</title><link>https://press.example</link><language>en</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login>ed</wp:author_login><wp:author_display_name>Ed Itor</wp:author_display_name></wp:author>
<item><title>harbour</title><wp:post_id>7</wp:post_id><wp:post_type>attachment</wp:post_type>
  <wp:status>inherit</wp:status><excerpt:encoded><![CDATA[The harbour at dawn]]></excerpt:encoded>
  <wp:attachment_url>https://press.example/wp-content/uploads/2016/09/harbour.jpg</wp:attachment_url>
  <wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>2016/09/harbour.jpg</wp:meta_value></wp:postmeta>
  <wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>Boats in a harbour</wp:meta_value></wp:postmeta>
</item>
<item><title>gone</title><wp:post_id>8</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
  <wp:attachment_url>https://press.example/wp-content/uploads/2016/09/gone.jpg</wp:attachment_url>
</item>
<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>news</wp:category_nicename><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
<item><title>Ships return</title><dc:creator>ed</dc:creator><wp:post_id>10</wp:post_id><wp:post_name>ships-return</wp:post_name>
  <link>https://press.example/2016/09/28/ships-return/</link>
  <guid isPermaLink="false">https://press.example/?p=10</guid>
  <wp:post_type>post</wp:post_type><wp:status>publish</wp:status><wp:post_date_gmt>2016-09-28 10:00:00</wp:post_date_gmt>
  <content:encoded><![CDATA[The fleet is back.

<a href="https://press.example/wp-content/uploads/2016/09/harbour.jpg"><img src="https://press.example/wp-content/uploads/2016/09/harbour-300x200.jpg" alt="Boats at anchor" width="300" height="200" /></a>]]></content:encoded>
  <category domain="category" nicename="news"><![CDATA[News]]></category>
  <wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>7</wp:meta_value></wp:postmeta>
</item>
<item><title>Lost picture</title><dc:creator>ed</dc:creator><wp:post_id>11</wp:post_id><wp:post_name>lost-one</wp:post_name>
  <wp:post_type>post</wp:post_type><wp:status>publish</wp:status><wp:post_date_gmt>2016-09-29 10:00:00</wp:post_date_gmt>
  <content:encoded><![CDATA[Text.]]></content:encoded>
  <wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>8</wp:meta_value></wp:postmeta>
</item>
</channel></rss>
"""


@unittest.skipUnless(HAVE_TOOLS, "needs vips and vipsheader (scripts/bootstrap)")
class ExportImagesTest(unittest.TestCase):
    """WordPress's _thumbnail_id and Ghost's feature_image, taken from the
    export's image folder named with --media-from."""

    def test_wordpress_featured_images_come_from_the_uploads_folder(self):
        server = Server()
        try:
            uploads = os.path.join(server.dir, "uploads")
            os.makedirs(os.path.join(uploads, "2016", "09"))
            make_jpeg(os.path.join(uploads, "2016", "09", "harbour.jpg"), 1500, 1000)
            path = os.path.join(server.dir, "export.xml")
            with open(path, "w") as f:
                f.write(WXR)
            r = run_cli(server.db, "import", path)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("2 images not imported: name the export's image folder with --media-from", r.stderr)
            r = run_cli(server.db, "import", path, "--media-from", uploads)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("images: 1 imported, 1 missing, 0 refused", r.stdout)
            self.assertIn("article lost-one: '2016/09/gone.jpg' is not in", r.stderr)
            server.start()
            _, _, page = server.get("/articles/ships-return")
            lead = re.search(r'<figure class="lead-image">(.*?)</figure>', page, re.S).group(1)
            self.assertIn('alt="Boats in a harbour"', lead)
            self.assertIn("<figcaption>The harbour at dawn</figcaption>", lead)
            # The body's picture (a resized copy on the old site) is the uploaded original now.
            body = page.split('<div class="article-body">')[1].split("</div>")[0]
            self.assertNotIn("press.example", body)
            src = re.search(r'<img src="(/media/[^"]+)" alt="Boats at anchor"', body).group(1)
            self.assertIn('<a href="%s"' % src, body)
            self.assertEqual(server.get(src)[0], 200)
            # The old site's addresses answer 301 with the new ones.
            for old, new in (("/2016/09/28/ships-return/", "/articles/ships-return"),
                             ("/2016/09/28/ships-return", "/articles/ships-return"),
                             ("/?p=10", "/articles/ships-return"), ("/?p=11", "/articles/lost-one"),
                             ("/category/news/", "/columns/news"), ("/category/news/feed/", "/columns/news/feed.xml"),
                             ("/author/ed/", "/authors/ed"), ("/feed/", "/feed.xml")):
                status, headers, _ = server.get(old)
                self.assertEqual((status, headers.get("location")), (301, new), old)
            status, _, page = server.get("/?p=99")
            self.assertEqual(status, 200, "an unknown ?p= is the home page")
        finally:
            server.close()

    def test_ghost_feature_images_and_profile_pictures(self):
        server = Server()
        try:
            images = os.path.join(server.dir, "images")
            os.makedirs(os.path.join(images, "2021", "03"))
            make_jpeg(os.path.join(images, "2021", "03", "lead.jpg"), 1300, 800)
            make_jpeg(os.path.join(images, "2021", "03", "me.jpg"), 300, 300)
            export = {"db": [{"meta": {"version": "5.2.0"}, "data": {
                "posts": [{"id": "p1", "title": "Spring", "slug": "spring", "html": "<p>Hi</p>", "status": "published",
                           "published_at": "2021-03-01T10:00:00.000Z", "type": "post",
                           "feature_image": "__GHOST_URL__/content/images/2021/03/lead.jpg"}],
                "posts_meta": [{"post_id": "p1", "feature_image_alt": "Blossom on a branch",
                                "feature_image_caption": "<span>First <b>blossom</b></span>"}],
                "users": [{"id": "u1", "name": "Gina", "slug": "gina",
                           "profile_image": "__GHOST_URL__/content/images/2021/03/me.jpg"}],
                "posts_authors": [{"post_id": "p1", "author_id": "u1", "sort_order": 0}],
                "tags": [], "posts_tags": [], "settings": [{"key": "title", "value": "Ghostly"}]}}]}
            path = os.path.join(server.dir, "ghost.json")
            with open(path, "w") as f:
                json.dump(export, f)
            r = run_cli(server.db, "import", path, "--media-from", images)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("images: 2 imported", r.stdout)
            server.start()
            _, _, page = server.get("/articles/spring")
            self.assertIn('alt="Blossom on a branch"', page)
            self.assertIn("<figcaption>First blossom</figcaption>", page)
            _, _, page = server.get("/authors/gina")
            self.assertIn('class="author-photo"', page)
            for old, new in (("/spring/", "/articles/spring"), ("/author/gina/", "/authors/gina"),
                             ("/rss/", "/feed.xml")):
                status, headers, _ = server.get(old)
                self.assertEqual((status, headers.get("location")), (301, new), old)
        finally:
            server.close()


if __name__ == "__main__":
    unittest.main()


@unittest.skipUnless(HAVE_TOOLS, "needs vips and vipsheader (scripts/bootstrap)")
class IdentityTest(unittest.TestCase):
    """The publication's logo, icon and theme colour, set in the admin's
    settings (or a bundle's publication) as uploads (issue #13)."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server([load_seed()]).start()
        cls.token = run_cli(cls.server.db, "token", "create", "--name", "t", "--role", "editor").stdout.strip()
        r = run_cli(cls.server.db, "user", "add", "--email", "boss@example.com", "--name", "Boss", "--role", "admin",
                    stdin="a long password\n")
        assert r.returncode == 0, r.stderr
        cls.admin = AdminClient(cls.server, "boss@example.com", "a long password")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def upload(self, data, name):
        content_type, body = multipart({"alt": "x"}, name, data)
        status, _, text = self.server.request("POST", "/api/admin/media", body=body, headers={
            "Authorization": "Bearer " + self.token, "Content-Type": content_type})
        self.assertEqual(status, 201, text)
        return json.loads(text)

    def test_logo_icon_and_theme_colour_from_the_settings(self):
        logo = self.upload(make_jpeg(os.path.join(self.server.dir, "logo.jpg"), 800, 100), "logo.jpg")
        icon = self.upload(make_jpeg(os.path.join(self.server.dir, "icon.jpg"), 512, 512), "icon.jpg")
        page = self.admin.get("/admin/settings")[2]
        fields = dict(re.findall(r'name="(\w+)"(?: type="url")? value="([^"]*)"', page))
        fields["cookie_notice"] = re.search(r'name="cookie_notice"[^>]*>([^<]*)<', page).group(1)
        # An id that is no upload is refused with the field named; nothing changes.
        status, _, body = self.admin.post("/admin/settings", dict(fields, logo="0" * 20))
        self.assertEqual(status, 400)
        self.assertIn("publication: logo: no uploaded image with id", body)
        status, _, body = self.admin.post("/admin/settings", dict(fields, theme_color="red"))
        self.assertEqual(status, 400)
        self.assertIn("theme_color: must be a colour as #rrggbb", body)
        status, _, _ = self.admin.post("/admin/settings", dict(fields, logo=logo["id"], icon=icon["id"],
                                                               theme_color="#00557f"))
        self.assertEqual(status, 303)
        home = self.server.get("/")[2]
        self.assertRegex(home, r'<a class="site-name" href="/"><img class="site-logo" src="/media/%s-320.jpg" '
                               r'alt="Al-Monitor" width="320" height="40"></a>' % logo["id"])
        icon_url = re.search(r'<link rel="icon" href="(/media/%s-[^"]+\.jpg)" type="image/jpeg">' % icon["id"], home)
        self.assertIsNotNone(icon_url, home[:2500])
        self.assertEqual(self.server.get(icon_url.group(1))[0], 200)
        for path in ("/favicon.ico", "/apple-touch-icon.png"):  # asked for at the root, too
            status, headers, _ = self.server.get(path)
            self.assertEqual((status, headers.get("location")), (302, icon_url.group(1)), path)
        self.assertIn('<meta name="theme-color" content="#00557f">', home)
        page = self.server.get("/articles/us-threatens-to-halt-talks-with-russia-on-syria")[2]
        ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
        self.assertEqual(ld["publisher"]["logo"]["width"], 800)
        self.assertTrue(ld["publisher"]["logo"]["url"].endswith("/media/%s.jpg" % logo["id"]))
        # The settings show what is set.
        self.assertIn('value="%s"' % logo["id"], self.admin.get("/admin/settings")[2])
