"""Image uploads over real HTTP (issue #11, the first part): real files made
with libvips' own command-line tool and tagged with exiftool, checked with
exiftool after the server has processed them; every bad input refused with a
clear 400 or 413 and nothing stored."""
import json
import os
import shutil
import struct
import subprocess
import time
import unittest
import uuid
import zlib

from admin_client import api
from harness import Server, load_seed, run_cli, connect_db

HAVE_TOOLS = shutil.which("vips") and shutil.which("exiftool")


def multipart(fields, file_name, data, content_type="application/octet-stream"):
    boundary = uuid.uuid4().hex
    out = b""
    for name, value in fields.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, name, value)).encode()
    out += ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
            % (boundary, file_name, content_type)).encode() + data + b"\r\n"
    out += ("--%s--\r\n" % boundary).encode()
    return "multipart/form-data; boundary=" + boundary, out


def png_declaring(width, height):
    """A tiny PNG whose header claims width x height pixels (a decompression bomb)."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(b"\x00" * 100)) + chunk(b"IEND", b""))


@unittest.skipUnless(HAVE_TOOLS, "needs vips and exiftool (scripts/bootstrap)")
class MediaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server([load_seed()]).start()
        cls.token = run_cli(cls.server.db, "token", "create", "--name", "t", "--role", "editor").stdout.strip()
        cls.dir = cls.server.dir
        photo = os.path.join(cls.dir, "photo.jpg")
        subprocess.run(["vips", "black", photo + "[Q=90]", "1600", "1000", "--bands", "3"], check=True)
        subprocess.run(["exiftool", "-q", "-overwrite_original", "-GPSLatitude=48.8566", "-GPSLatitudeRef=N",
                        "-GPSLongitude=2.3522", "-GPSLongitudeRef=E", "-Make=SourceCam", "-Orientation#=6",
                        "-XMP-dc:Creator=A Source", photo], check=True)
        with open(photo, "rb") as f:
            cls.photo = f.read()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def upload(self, data, file_name="photo.jpg", **fields):
        content_type, body = multipart(fields, file_name, data)
        status, headers, text = self.server.request("POST", "/api/admin/media", body=body, headers={
            "Authorization": "Bearer " + self.token, "Content-Type": content_type})
        return status, json.loads(text) if text.startswith("{") else text

    def media_rows(self):
        with connect_db(self.server.db) as db:
            return db.execute("SELECT COUNT(*) FROM media").fetchone()[0]

    def exif_of(self, data, name):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data)
        out = subprocess.run(["exiftool", "-j", "-a", "-G1", path], capture_output=True, text=True, check=True)
        return json.loads(out.stdout)[0]

    def test_a_photo_loses_its_gps_and_every_tag_at_every_url(self):
        self.assertIn("GPS:GPSLatitude", self.exif_of(self.photo, "before.jpg"))
        status, item = self.upload(self.photo, alt="A dark room", caption="The room", credit="Staff")
        self.assertEqual(status, 201, item)
        # Orientation 6 (rotate 90°) was applied before the tag went.
        self.assertEqual((item["width"], item["height"]), (1000, 1600))
        self.assertEqual([d["width"] for d in item["derivatives"]], [320, 640, 960])
        urls = [item["url"]] + [d[f] for d in item["derivatives"] for f in ("webp", "jpeg")]
        for url in urls:
            status, headers, _ = self.server.request("GET", url)
            self.assertEqual(status, 200, url)
            self.assertEqual(headers["cache-control"], "public, max-age=31536000, immutable")
            raw = self.server.raw(("GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % url).encode(),
                                  read_timeout=10)
            body = raw.split(b"\r\n\r\n", 1)[1]
            tags = self.exif_of(body, "after-" + os.path.basename(url))
            leaked = [k for k in tags if k.split(":")[0] in ("GPS", "IFD0", "ExifIFD", "XMP-dc", "IPTC")]
            self.assertEqual(leaked, [], url)
            # Still a whole image of the promised width, as libvips reads it.
            width = subprocess.run(["vipsheader", "-f", "width", os.path.join(self.dir, "after-" + os.path.basename(url))],
                                   capture_output=True, text=True, check=True).stdout.strip()
            self.assertEqual(int(width), int(url.rsplit("-", 1)[1].split(".")[0]) if "-" in os.path.basename(url)
                             else 1000, url)
        # The same image again is the same item.
        status, again = self.upload(self.photo)
        self.assertEqual((status, again["id"]), (201, item["id"]))
        _, _, listed = api(self.server, "GET", "/api/admin/media?q=the+room", self.token)
        self.assertEqual([m["id"] for m in listed["media"]], [item["id"]])

    def test_bad_files_are_refused_with_the_reason_and_nothing_stored(self):
        before = self.media_rows()
        html_polyglot = self.photo + b"<html><script>alert(1)</script></html>"
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="9" height="9"/></svg>'
        cases = [
            ("truncated.jpg", self.photo[:len(self.photo) // 3], 400, "could not be decoded as jpeg"),
            ("bomb.png", png_declaring(100000, 100000), 400, "100000 × 100000 pixels is more than 100 megapixels"),
            ("drawing.svg", svg, 400, "SVG images are refused"),
            ("empty.jpg", b"", 400, "is empty"),
            ("notes.jpg", b"just some text, not an image at all\n" * 10, 400, "is not an image"),
        ]
        for name, data, status, message in cases:
            started = time.time()
            got, answer = self.upload(data, file_name=name)
            self.assertEqual(got, status, (name, answer))
            self.assertIn(message, json.dumps(answer, ensure_ascii=False), name)
            self.assertEqual(answer["error"]["field"], "file", name)
            self.assertLess(time.time() - started, 5, name)  # refused quickly, not after decoding
        # 30 MB: refused from its Content-Length, before the body is read.
        raw = self.server.raw(("POST /api/admin/media HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
                               "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: %d\r\n\r\n"
                               % (self.token, 30 * 1024 * 1024)).encode())
        self.assertTrue(raw.startswith(b"HTTP/1.1 413"), raw[:100])
        self.assertEqual(self.media_rows(), before)
        # A JPEG with HTML after it is an image, re-encoded: the HTML does not survive.
        status, item = self.upload(html_polyglot, file_name="polyglot.html")
        self.assertEqual(status, 201)
        raw = self.server.raw(("GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % item["url"]).encode())
        head = raw.split(b"\r\n\r\n", 1)[0].lower()
        self.assertEqual(head.count(b"content-type:"), 1)
        self.assertIn(b"content-type: image/jpeg", head)
        self.assertNotIn(b"content-encoding", head)  # images are not compressed again
        self.assertNotIn(b"<script", raw)
        # A PNG named .jpg is a PNG (the name is never trusted).
        png = os.path.join(self.dir, "real.png")
        subprocess.run(["vips", "black", png, "50", "40"], check=True)
        with open(png, "rb") as f:
            status, item = self.upload(f.read(), file_name="lies.jpg")
        self.assertEqual(status, 201)
        self.assertEqual(item["format"], "jpeg")  # no transparency: kept as JPEG
        self.assertEqual(self.server.get("/healthz")[0], 200)  # the server is unharmed

    def test_an_author_photo_shows_on_the_author_page_and_keeps_the_image(self):
        status, item = self.upload(self.photo)
        self.assertEqual(status, 201)
        status, _, patched = api(self.server, "PATCH", "/api/admin/media/" + item["id"], self.token,
                                 {"alt": "Laura Rozen in the newsroom", "focal_y": 0.3})
        self.assertEqual((status, patched["alt"], patched["focal_y"]), (200, "Laura Rozen in the newsroom", 0.3))
        status, _, answer = api(self.server, "PATCH", "/api/admin/authors/laura-rozen", self.token,
                                {"photo": {"src": "0" * 20}})
        self.assertEqual(status, 400)
        self.assertIn("photo", answer["error"]["message"] + answer["error"]["field"])
        status, _, answer = api(self.server, "PATCH", "/api/admin/authors/laura-rozen", self.token,
                                {"photo": {"src": item["id"], "alt": "ignored here"}})
        self.assertEqual(status, 200, answer)
        self.assertEqual(answer["photo"], {"src": item["id"]})
        page = self.server.get("/authors/laura-rozen")[2]
        self.assertIn('<img class="author-photo" src="/media/%s-320.jpg" ' % item["id"], page)
        self.assertIn('sizes="6rem" width="96" height="153" alt="Laura Rozen in the newsroom"', page)
        self.assertEqual(self.server.get("/media/%s-320.jpg" % item["id"])[0], 200)
        status, _, answer = api(self.server, "DELETE", "/api/admin/media/" + item["id"], self.token)
        self.assertEqual(status, 409)
        _, _, one = api(self.server, "GET", "/api/admin/media/" + item["id"], self.token)
        self.assertEqual(one["used_by"], ["author:laura-rozen"])

    def test_names_outside_the_library_are_not_served(self):
        for path in ["/media/../site.db", "/media/site.db", "/media/0123456789abcdef0123.jpg",
                     "/media/.tmp-x.jpg", "/media/%2e%2e%2fsite.db"]:
            self.assertIn(self.server.get(path)[0], (400, 404), path)


if __name__ == "__main__":
    unittest.main()
