"""The desk through the admin API: unknown fields, stale saves, revisions and
their diffs, restoring one, slug changes and redirects, the trash, corrections,
and the article list's filters, search and pages."""
import json
import re
import urllib.parse
import time
import unittest

from harness import Server, article, load_seed, run_cli


def iso(ts):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


class DeskApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server([load_seed()]).start()
        cls.tokens = {}
        for role in ["admin", "editor", "contributor"]:
            r = run_cli(cls.server.db, "token", "create", "--name", role + "-bot", "--role", role)
            assert r.returncode == 0, r.stderr
            cls.tokens[role] = r.stdout.strip()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def call(self, method, path, body=None, role="editor", headers=None):
        h = {"Content-Type": "application/json", "Authorization": "Bearer " + self.tokens[role]}
        h.update(headers or {})
        data = None if body is None else json.dumps(body)
        status, rh, text = self.server.request(method, "/api/admin" + path, body=data, headers=h)
        return status, (json.loads(text) if text else None), rh

    def create(self, slug, **kw):
        status, body, _ = self.call("POST", "/articles", article(slug, iso(time.time() - 60), **kw))
        self.assertEqual(status, 201, body)
        return body

    def assertError(self, result, status, code, field=None):
        self.assertEqual(result[0], status, result[1])
        self.assertEqual(result[1]["error"]["code"], code, result[1])
        if field is not None:
            self.assertEqual(result[1]["error"]["field"], field, result[1])

    def test_unknown_fields_are_refused_and_nothing_changes(self):
        a = article("unknown-fields", iso(time.time() - 60))
        a["feature_image"] = "x.jpg"
        self.assertError(self.call("POST", "/articles", a), 400, "validation", "feature_image")
        self.assertEqual(self.call("GET", "/articles/unknown-fields")[0], 404)
        self.create("unknown-fields")
        self.assertError(self.call("PATCH", "/articles/unknown-fields", {"sumary": "typo"}), 400, "validation",
                         "sumary")
        self.assertError(self.call("PATCH", "/articles/unknown-fields", {"corrections": [{"at": "now", "text": "x"}]}), 400,
                         "validation", "corrections[0].at")
        # The fields the bundle format knows are kept.
        status, body, _ = self.call("PATCH", "/articles/unknown-fields", {
            "kicker": "Exclusive", "seo_title": "SEO", "seo_description": "Desc",
            "canonical_url": "https://example.org/original", "send_newsletter": False})
        self.assertEqual(status, 200, body)
        _, body, _ = self.call("GET", "/articles/unknown-fields")
        self.assertEqual((body["kicker"], body["seo_title"], body["seo_description"], body["canonical_url"],
                          body["send_newsletter"]),
                         ("Exclusive", "SEO", "Desc", "https://example.org/original", False))
        page = self.server.get("/articles/unknown-fields")[2]
        self.assertIn("Exclusive", page)
        self.assertIn('<link rel="canonical" href="https://example.org/original">', page)

    def test_a_stale_save_is_refused_with_412(self):
        self.create("two-editors")
        _, first, h = self.call("GET", "/articles/two-editors")
        etag = h["etag"]
        status, _, h2 = self.call("PATCH", "/articles/two-editors", {"title": "First editor"},
                                  headers={"If-Match": etag})
        self.assertEqual(status, 200)
        self.assertNotEqual(h2["etag"], etag)
        self.assertError(self.call("PATCH", "/articles/two-editors", {"title": "Second editor"},
                                   headers={"If-Match": etag}), 412, "stale")
        self.assertError(self.call("PATCH", "/articles/two-editors", {"title": "Second editor"},
                                   headers={"If-Match": '"garbage"'}), 412, "stale")
        self.assertEqual(self.call("GET", "/articles/two-editors")[1]["title"], "First editor")

    def test_revisions_diff_and_restore(self):
        self.create("revised", body="The quick brown fox jumps.")
        self.call("PATCH", "/articles/revised", {"body": "The quick red fox jumps high."})
        self.call("PATCH", "/articles/revised", {"title": "Revised title"})
        status, body, _ = self.call("GET", "/articles/revised/revisions")
        self.assertEqual(status, 200)
        revs = body["revisions"]
        self.assertEqual([r["revision"] for r in revs], [3, 2, 1])
        self.assertEqual(revs[0]["saved_by"], "API token editor-bot")
        self.assertEqual(revs[0]["title"], "Revised title")
        self.assertEqual(revs[1]["words"], 6)

        status, one, _ = self.call("GET", "/articles/revised/revisions/1?compare=1")
        self.assertEqual(status, 200)
        self.assertEqual(one["article"]["body"], "The quick brown fox jumps.")
        _, diff, _ = self.call("GET", "/articles/revised/revisions/2?compare=1")
        ops = [(p["op"], p["text"]) for p in diff["diff"]["body"]]
        self.assertIn(("removed", "brown"), ops)
        self.assertIn(("added", "red"), ops)
        self.assertIn("high.", "".join(t for o, t in ops if o == "added"))
        self.assertEqual("".join(t for o, t in ops if o != "added"), "The quick brown fox jumps.")
        self.assertEqual("".join(t for o, t in ops if o != "removed"), "The quick red fox jumps high.")
        self.assertError(self.call("GET", "/articles/revised/revisions/9"), 404, "not_found")

        status, restored, h = self.call("POST", "/articles/revised/revisions/1/restore",
                                        headers={"If-Match": '"r3"'})
        self.assertEqual(status, 200, restored)
        self.assertEqual(restored["body"], "The quick brown fox jumps.")
        self.assertEqual(restored["title"], "Title revised")
        self.assertEqual(h["etag"], '"r4"')
        _, body, _ = self.call("GET", "/articles/revised/revisions")
        self.assertEqual(body["revisions"][0]["note"], "restored revision 1")
        self.assertEqual(body["meta"]["total"], 4)
        # Restoring over a newer save than the one read is refused.
        self.assertError(self.call("POST", "/articles/revised/revisions/2/restore", headers={"If-Match": '"r3"'}),
                         412, "stale")

    def test_an_imported_article_keeps_its_imported_state_as_a_revision(self):
        slug = "us-threatens-to-halt-talks-with-russia-on-syria"
        _, before, _ = self.call("GET", "/articles/" + slug)
        self.call("PATCH", "/articles/" + slug, {"summary": "Edited at the desk."})
        _, body, _ = self.call("GET", "/articles/%s/revisions" % slug)
        self.assertEqual(len(body["revisions"]), 2)
        self.assertEqual(body["revisions"][1]["saved_by"], "import")
        _, old, _ = self.call("GET", "/articles/%s/revisions/%d" % (slug, body["revisions"][1]["revision"]))
        self.assertEqual(old["article"]["summary"], before["summary"])

    def test_a_slug_change_leaves_a_301_behind(self):
        self.create("old-name")
        self.assertEqual(self.server.get("/articles/old-name")[0], 200)
        status, body, h = self.call("PATCH", "/articles/old-name", {"slug": "new-name"})
        self.assertEqual(status, 200, body)
        self.assertEqual(h["location"], "/api/admin/articles/new-name")
        status, h, _ = self.server.get("/articles/old-name")
        self.assertEqual((status, h["location"]), (301, "/articles/new-name"))
        self.assertEqual(self.server.get("/articles/new-name")[0], 200)
        # Renamed again: the first old URL goes straight to the newest (one hop).
        self.call("PATCH", "/articles/new-name", {"slug": "newest-name"})
        self.assertEqual(self.server.get("/articles/old-name")[1]["location"], "/articles/newest-name")
        # ... and back: the page lives at its old URL again, with no loop.
        self.call("PATCH", "/articles/newest-name", {"slug": "old-name"})
        self.assertEqual(self.server.get("/articles/old-name")[0], 200)
        self.assertEqual(self.server.get("/articles/newest-name")[1]["location"], "/articles/old-name")
        # A taken slug is a conflict.
        self.create("someone-else")
        self.assertError(self.call("PATCH", "/articles/old-name", {"slug": "someone-else"}), 409, "conflict", "slug")
        # Revisions follow the article through its renames.
        _, body, _ = self.call("GET", "/articles/old-name/revisions")
        self.assertEqual(body["meta"]["total"], 4)

    def test_slugs_in_any_script(self):
        self.create("شركة-النفط", title="Oil company")
        self.create("हिन्दी-समाचार", title="Hindi news")
        quoted = urllib.parse.quote("شركة-النفط")
        status, _, page = self.server.get("/articles/" + quoted)
        self.assertEqual(status, 200)
        self.assertIn("Oil company", page)
        self.assertEqual(self.server.get("/articles/" + urllib.parse.quote("हिन्दी-समाचार"))[0], 200)
        sitemap = self.server.get("/sitemap.xml")[2]
        self.assertIn("/articles/" + quoted, sitemap)
        self.assertNotIn("شركة", sitemap)
        # A rename to another script: the old URL answers 301 with an ASCII Location.
        status, body, h = self.call("PATCH", "/articles/" + quoted, {"slug": "oil-company"})
        self.assertEqual(status, 200, body)
        status, h, _ = self.server.get("/articles/" + quoted)
        self.assertEqual((status, h["location"]), (301, "/articles/oil-company"))
        self.call("PATCH", "/articles/oil-company", {"slug": "شركة-النفط-٢"})
        status, h, _ = self.server.get("/articles/oil-company")
        self.assertEqual((status, h["location"]), (301, "/articles/" + urllib.parse.quote("شركة-النفط-٢")))
        # Not slugs: uppercase, spaces, punctuation, not NFC.
        for bad in ["Oil-Company", "oil company", "oil_company", "cafe\u0301"]:
            a = article("x", iso(time.time()))
            a["slug"] = bad
            self.assertError(self.call("POST", "/articles", a), 400, "validation", "slug")

    def test_redirects_in_a_bundle(self):
        bundle = {"newsdesk_bundle": 1, "redirects": [
            {"from": "/2016/09/28/us-threatens/", "to": "/articles/us-threatens-to-halt-talks-with-russia-on-syria"},
            {"from": "/%D8%B4%D8%B1%D9%83%D8%A9/", "to": "/columns/back-channel"}]}
        self.server.import_bundle(bundle)
        status, h, _ = self.server.get("/2016/09/28/us-threatens/")
        self.assertEqual((status, h["location"]), (301, "/articles/us-threatens-to-halt-talks-with-russia-on-syria"))
        self.assertEqual(self.server.get("/%D8%B4%D8%B1%D9%83%D8%A9/")[0], 301)
        # A loop is refused, naming the redirect; nothing of that file is stored.
        loop = {"newsdesk_bundle": 1, "redirects": [{"from": "/a-loop/", "to": "/b-loop/"},
                                                    {"from": "/b-loop/", "to": "/a-loop/"}]}
        path = self.server.dir + "/loop.json"
        with open(path, "w") as f:
            json.dump(loop, f)
        r = run_cli(self.server.db, "import", path)
        self.assertEqual(r.returncode, 1)
        self.assertIn("loop", r.stderr)
        self.assertEqual(self.server.get("/a-loop/")[0], 404)
        bad = {"newsdesk_bundle": 1, "redirects": [{"from": "no-slash", "to": "/x"}]}
        with open(path, "w") as f:
            json.dump(bad, f)
        r = run_cli(self.server.db, "import", path)
        self.assertEqual(r.returncode, 1)
        self.assertIn("redirect #1: from", r.stderr)

    def test_redirects_through_the_api(self):
        status, body, _ = self.call("POST", "/redirects", {"from": "/old/section/", "to": "/columns/back-channel"})
        self.assertEqual((status, body["from"], body["source"]), (201, "/old/section/", "editor"))
        self.assertEqual(self.server.get("/old/section/")[1]["location"], "/columns/back-channel")
        _, listing, _ = self.call("GET", "/redirects?q=section")
        self.assertEqual([r["from"] for r in listing["redirects"]], ["/old/section/"])
        self.assertError(self.call("POST", "/redirects", {"from": "/columns/back-channel", "to": "/old/section/"}),
                         400, "validation", "to")  # a loop
        self.assertError(self.call("POST", "/redirects", {"from": "/x/", "to": "/y/", "why": "?"}), 400,
                         "validation", "why")
        self.assertError(self.call("POST", "/redirects", {"from": "/x/", "to": "/y/"}, role="contributor"), 403,
                         "forbidden")
        self.assertEqual(self.call("DELETE", "/redirects?from=/old/section/")[0], 204)
        self.assertEqual(self.server.get("/old/section/")[0], 404)
        self.assertError(self.call("DELETE", "/redirects?from=/old/section/"), 404, "not_found")

    def test_send_as_newsletter_defaults_to_the_column(self):
        status, body, _ = self.call("POST", "/columns", {"slug": "archive-notes", "name": "Archive notes",
                                                          "send_newsletter": False})
        self.assertEqual((status, body["send_newsletter"]), (201, False), body)
        status, body, _ = self.call("POST", "/articles", article("quiet-by-default", iso(time.time()),
                                                                 column="archive-notes"))
        self.assertEqual((status, body["send_newsletter"]), (201, False))
        a = article("loud-on-purpose", iso(time.time()), column="archive-notes")
        a["send_newsletter"] = True
        self.assertTrue(self.call("POST", "/articles", a)[1]["send_newsletter"])
        self.assertTrue(self.create("default-column-story")["send_newsletter"])  # back-channel: on

    def test_notes_for_staff(self):
        self.create("noted")
        status, body, _ = self.call("POST", "/articles/noted/notes", {"text": "Check the minister's title."})
        self.assertEqual((status, body["author"]), (201, "API token editor-bot"))
        self.call("POST", "/articles/noted/notes", {"text": "Checked."}, role="contributor")
        _, body, _ = self.call("GET", "/articles/noted/notes")
        self.assertEqual([n["text"] for n in body["notes"]], ["Check the minister's title.", "Checked."])
        self.assertError(self.call("POST", "/articles/noted/notes", {"text": "  "}), 400, "validation", "text")
        self.assertError(self.call("POST", "/articles/noted/notes", {"text": "x", "private": True}), 400,
                         "validation", "private")
        self.assertError(self.call("POST", "/articles/nothing-here/notes", {"text": "x"}), 404, "not_found")
        self.assertNotIn("minister's title", self.server.get("/articles/noted")[2])

    def test_trash_and_restore(self):
        self.create("to-trash")
        self.assertEqual(self.server.get("/articles/to-trash")[0], 200)
        self.assertError(self.call("DELETE", "/articles/to-trash", role="contributor"), 403, "forbidden")
        self.assertEqual(self.call("DELETE", "/articles/to-trash")[0], 204)
        self.assertEqual(self.server.get("/articles/to-trash")[0], 404)
        _, listing, _ = self.call("GET", "/articles?trash=1")
        self.assertIn("to-trash", [a["slug"] for a in listing["articles"]])
        _, listing, _ = self.call("GET", "/articles?q=to-trash")
        self.assertNotIn("to-trash", [a["slug"] for a in listing["articles"]])
        self.assertError(self.call("PATCH", "/articles/to-trash", {"title": "x"}), 409, "conflict")
        self.assertError(self.create_conflict("to-trash"), 409, "conflict", "slug")
        status, body, _ = self.call("POST", "/articles/to-trash/restore")
        self.assertEqual((status, body["status"]), (200, "published"))
        self.assertEqual(self.server.get("/articles/to-trash")[0], 200)
        self.assertError(self.call("POST", "/articles/to-trash/restore"), 409, "conflict")
        # Emptying the trash deletes for good.
        self.call("DELETE", "/articles/to-trash")
        status, body, _ = self.call("DELETE", "/trash")
        self.assertEqual(status, 200)
        self.assertGreaterEqual(body["deleted"], 1)
        self.assertEqual(self.call("GET", "/articles/to-trash")[0], 404)

    def create_conflict(self, slug):
        return self.call("POST", "/articles", article(slug, iso(time.time() - 60)))

    def test_workflow_contributor_submits_editor_publishes(self):
        a = article("for-review", None, status="review")
        del a["published_at"]
        status, body, _ = self.call("POST", "/articles", a, role="contributor")
        self.assertEqual((status, body.get("status")), (201, "review"), body)
        self.assertError(self.call("PATCH", "/articles/for-review", {"status": "published",
                                                                      "published_at": iso(time.time())},
                                   role="contributor"), 403, "forbidden", "status")
        _, queue, _ = self.call("GET", "/articles?status=review")
        self.assertEqual([x["slug"] for x in queue["articles"]], ["for-review"])
        self.assertEqual(self.server.get("/articles/for-review")[0], 404)
        status, body, _ = self.call("PATCH", "/articles/for-review", {"status": "published",
                                                                      "published_at": iso(time.time() - 5)})
        self.assertEqual((status, body["status"]), (200, "published"))
        self.assertEqual(self.server.get("/articles/for-review")[0], 200)

    def test_corrections_show_on_the_page_and_in_json_ld(self):
        self.create("corrected")
        status, body, _ = self.call("PATCH", "/articles/corrected", {"corrections": [
            {"at": "2026-11-25T15:00:00Z", "text": "An earlier version misnamed the minister."},
            # Later than any save this test makes, whenever it runs (the feed's <updated> is the newest of both).
            {"at": "2036-11-26T09:00:00Z", "text": "Talks resumed this morning.", "kind": "update"}]})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["corrections"][1]["kind"], "update")
        page = self.server.get("/articles/corrected")[2]
        text = re.sub(r"<[^>]+>", "", page)
        self.assertIn("Correction, Nov. 25, 2026: An earlier version misnamed the minister.", text)
        self.assertIn("Update, Nov. 26, 2036: Talks resumed this morning.", text)
        self.assertIn("Updated Nov. 26, 2036", text)
        ld = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
        self.assertIn("dateModified", ld)
        self.assertEqual(ld["correction"][0]["text"], "An earlier version misnamed the minister.")
        # In feeds, as an update of the entry.
        feed = self.server.get("/columns/back-channel/feed.xml")[2]
        entry = feed.split("<id>http://127.0.0.1:8080/articles/corrected</id>")[1].split("</entry>")[0]
        self.assertIn("<updated>2036-11-26T09:00:00Z</updated>", entry)
        self.assertIn("Correction, Nov. 25, 2026:&lt;/strong&gt; An earlier version misnamed the minister.", entry)

    def test_list_filters_search_sort_and_pages(self):
        for i in range(25):
            self.create("listed-%02d" % i, title="Listed story %02d" % i, tags=("listed",),
                        body="zebra%s crossing" % ("x" if i % 2 else ""))
        _, body, _ = self.call("GET", "/articles?tag=listed&sort=title")
        self.assertEqual(body["meta"]["total"], 25)
        self.assertEqual(body["meta"]["pages"], 2)
        self.assertEqual(body["articles"][0]["slug"], "listed-00")
        _, page2, _ = self.call("GET", "/articles?tag=listed&sort=title&page=2")
        self.assertEqual([a["slug"] for a in page2["articles"]], ["listed-20", "listed-21", "listed-22",
                                                                   "listed-23", "listed-24"])
        _, found, _ = self.call("GET", "/articles?q=zebra&tag=listed")
        self.assertEqual(found["meta"]["total"], 13)
        _, none, _ = self.call("GET", "/articles?tag=listed&until=2000-01-01")
        self.assertEqual(none["meta"]["total"], 0)
        self.assertError(self.call("GET", "/articles?sort=sideways"), 400, "validation", "sort")
        self.assertError(self.call("GET", "/articles?from=yesterday"), 400, "validation", "from")


if __name__ == "__main__":
    unittest.main()
