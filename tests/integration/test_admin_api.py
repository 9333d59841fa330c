"""The admin JSON API over real HTTP, with tokens made by the CLI."""
import json
import time
import unittest

from harness import Server, article, load_seed, run_cli, connect_db


def iso(ts):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


class AdminApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server([load_seed()]).start()
        cls.tokens = {}
        for role in ["admin", "editor", "author", "contributor"]:
            r = run_cli(cls.server.db, "token", "create", "--name", role + "-bot", "--role", role)
            assert r.returncode == 0, r.stderr
            cls.tokens[role] = r.stdout.strip()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def call(self, method, path, body=None, role="admin", token=None):
        headers = {"Content-Type": "application/json"}
        if role:
            headers["Authorization"] = "Bearer " + (token or self.tokens[role])
        data = body if isinstance(body, (str, bytes)) or body is None else json.dumps(body)
        status, h, text = self.server.request(method, "/api/admin" + path, body=data, headers=headers)
        if status != 204:
            self.assertIn("application/json", h["content-type"], text)
        return status, (json.loads(text) if text else None)

    def assertError(self, result, status, code, field=None):
        self.assertEqual(result[0], status, result[1])
        self.assertEqual(result[1]["error"]["code"], code)
        self.assertTrue(result[1]["error"]["message"])
        if field is not None:
            self.assertEqual(result[1]["error"]["field"], field)

    def test_unknown_endpoints_answer_json(self):
        self.assertError(self.call("GET", "/nothing"), 404, "not_found")

    def test_tokens_are_required(self):
        self.assertError(self.call("GET", "/articles", role=None), 401, "unauthorized")
        self.assertError(self.call("GET", "/articles", token="nd_not-a-real-token-at-all"), 401, "unauthorized")
        r = run_cli(self.server.db, "token", "create", "--name", "x", "--role", "overlord")
        self.assertEqual(r.returncode, 2)

    def test_article_lifecycle(self):
        a = article("api-story", iso(time.time() - 60), title="From the API", tags=("syria",))
        status, body = self.call("POST", "/articles", a)
        self.assertEqual(status, 201, body)
        self.assertEqual(body["title"], "From the API")
        self.assertEqual(body["authors"], ["laura-rozen"])
        self.assertEqual(self.server.get("/articles/api-story")[0], 200)
        self.assertError(self.call("POST", "/articles", a), 409, "conflict", "slug")

        status, body = self.call("GET", "/articles/api-story")
        self.assertEqual((status, body["status"]), (200, "published"))
        status, body = self.call("PATCH", "/articles/api-story", {"title": "Retitled", "status": "draft"})
        self.assertEqual((status, body["title"], body["status"]), (200, "Retitled", "draft"))
        self.assertEqual(self.server.get("/articles/api-story")[0], 404)  # a draft is not public
        self.assertError(self.call("PATCH", "/articles/api-story", {"slug": "Not A Slug"}), 400, "validation", "slug")
        self.assertError(self.call("PATCH", "/articles/api-story", {"published_at": "yesterday"}), 400,
                         "validation", "published_at")
        self.assertError(self.call("PATCH", "/articles/api-story", {"authors": ["nobody"]}), 400, "validation",
                         "authors")

        status, listing = self.call("GET", "/articles?status=draft")
        self.assertEqual(status, 200)
        self.assertIn("api-story", [x["slug"] for x in listing["articles"]])
        self.assertEqual(listing["meta"]["page"], 1)
        status, listing = self.call("GET", "/articles?column=back-channel&author=laura-rozen&status=published")
        self.assertEqual(listing["meta"]["total"], 6)
        self.assertError(self.call("GET", "/articles?status=live"), 400, "validation", "status")
        self.assertError(self.call("GET", "/articles?page=0"), 400, "validation", "page")

        # DELETE moves it to the trash; ?force=true then deletes it for good.
        self.assertEqual(self.call("DELETE", "/articles/api-story")[0], 204)
        status, body = self.call("GET", "/articles/api-story")
        self.assertEqual(status, 200)
        self.assertIn("trashed_at", body)
        self.assertError(self.call("DELETE", "/articles/api-story"), 409, "conflict")
        self.assertEqual(self.call("DELETE", "/articles/api-story?force=true")[0], 204)
        self.assertError(self.call("GET", "/articles/api-story"), 404, "not_found")
        self.assertError(self.call("DELETE", "/articles/api-story"), 404, "not_found")

    def test_validation_errors_name_the_field(self):
        a = article("bad-one", "2016-01-01T00:00:00Z")
        del a["title"]
        self.assertError(self.call("POST", "/articles", a), 400, "validation", "title")
        a = article("Bad Slug", "2016-01-01T00:00:00Z")
        self.assertError(self.call("POST", "/articles", a), 400, "validation", "slug")
        self.assertError(self.call("POST", "/articles", "{not json"), 400, "invalid_json")
        self.assertError(self.call("POST", "/articles", "[1, 2]"), 400, "invalid_json")
        self.assertError(self.call("POST", "/articles", article("x-col", "2016-01-01T00:00:00Z", column="nope")),
                         400, "validation", "column")

    def test_roles(self):
        draft = article("contrib-draft", iso(time.time() - 60), status="draft")
        self.assertEqual(self.call("POST", "/articles", draft, role="contributor")[0], 201)
        self.assertError(self.call("PATCH", "/articles/contrib-draft", {"status": "published"}, role="contributor"),
                         403, "forbidden", "status")
        self.assertError(self.call("POST", "/articles", article("contrib-pub", iso(time.time())), role="contributor"),
                         403, "forbidden")
        self.assertError(self.call("DELETE", "/articles/contrib-draft", role="author"), 403, "forbidden")
        self.assertEqual(self.call("PATCH", "/articles/contrib-draft", {"status": "published"}, role="author")[0], 200)
        self.assertError(self.call("POST", "/tags", {"slug": "t1", "name": "T1"}, role="author"), 403, "forbidden")
        self.assertEqual(self.call("GET", "/tags", role="contributor")[0], 200)
        self.assertEqual(self.call("DELETE", "/articles/contrib-draft", role="editor")[0], 204)

    def test_scheduled_through_the_api_turns_public_by_itself(self):
        a = article("api-scheduled", iso(time.time() + 2), status="scheduled", title="Scheduled by API")
        self.assertEqual(self.call("POST", "/articles", a)[0], 201)
        self.assertEqual(self.server.get("/articles/api-scheduled")[0], 404)
        time.sleep(3)
        self.assertEqual(self.server.get("/articles/api-scheduled")[0], 200)

    def test_authors_columns_tags(self):
        for kind, record, patch in [
                ("authors", {"slug": "ben-caspit", "name": "Ben Caspit", "bio": ""}, {"bio": "Tel Aviv"}),
                ("columns", {"slug": "pulse", "name": "Pulse", "title": "Israel Pulse", "description": ""},
                 {"title": "The Pulse"}),
                ("tags", {"slug": "iran", "name": "Iran"}, {"name": "Islamic Republic of Iran"})]:
            with self.subTest(kind=kind):
                status, body = self.call("POST", "/" + kind, record)
                self.assertEqual(status, 201, body)
                self.assertError(self.call("POST", "/" + kind, record), 409, "conflict", "slug")
                status, body = self.call("PATCH", "/%s/%s" % (kind, record["slug"]), patch)
                self.assertEqual(status, 200, body)
                for key, value in patch.items():
                    self.assertEqual(body[key], value)
                status, listing = self.call("GET", "/" + kind)
                self.assertIn(record["slug"], [x["slug"] for x in listing[kind]])
                self.assertEqual(self.call("GET", "/%s/%s" % (kind, record["slug"]))[0], 200)
                self.assertEqual(self.call("DELETE", "/%s/%s" % (kind, record["slug"]))[0], 204)
                self.assertError(self.call("GET", "/%s/%s" % (kind, record["slug"])), 404, "not_found")
        self.assertError(self.call("DELETE", "/authors/laura-rozen"), 409, "conflict")
        self.assertError(self.call("DELETE", "/columns/back-channel"), 409, "conflict")
        self.assertError(self.call("POST", "/authors", {"slug": "x"}), 400, "validation", "name")

    def test_users_from_the_cli(self):
        r = run_cli(self.server.db, "user", "add", "--email", "ed@example.com", "--name", "Ed", "--role", "editor",
                    stdin="a long enough password\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        r = run_cli(self.server.db, "user", "add", "--email", "ed@example.com", "--name", "Ed", "--role", "editor",
                    stdin="a long enough password\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("email: is taken", r.stderr)
        r = run_cli(self.server.db, "user", "add", "--email", "short@example.com", "--name", "S", "--role", "author",
                    stdin="short\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("password", r.stderr)
        conn = connect_db(self.server.db)
        [(stored,)] = conn.execute("SELECT password_hash FROM users WHERE email = 'ed@example.com'").fetchall()
        conn.close()
        self.assertTrue(stored.startswith("$argon2id$"))


if __name__ == "__main__":
    unittest.main()
