"""The command line as the contract describes it: exit codes and error messages."""
import json
import os
import shutil
import tempfile
import unittest

from harness import BIN, SEED, run_cli
import subprocess


class CliTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="newsdesk-cli-")
        self.db = os.path.join(self.dir, "t.db")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else json.dumps(data).encode())
        return path

    def test_help_and_usage_errors(self):
        r = subprocess.run([BIN, "--help"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0)
        for cmd in ["init", "import", "serve"]:
            self.assertIn(cmd, r.stdout)
            self.assertEqual(subprocess.run([BIN, cmd, "--help"], capture_output=True).returncode, 0)
        self.assertEqual(subprocess.run([BIN, "frobnicate"], capture_output=True).returncode, 2)
        self.assertEqual(subprocess.run([BIN], capture_output=True).returncode, 2)
        r = subprocess.run([BIN, "--db", self.db, "serve", "--listen", "nonsense"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)
        self.assertIn("HOST:PORT", r.stderr)

    def test_init_twice_and_env_db(self):
        self.assertEqual(run_cli(self.db, "init").returncode, 0)
        self.assertEqual(run_cli(self.db, "init").returncode, 0)
        env = dict(os.environ, NEWSDESK_DB=os.path.join(self.dir, "env.db"))
        r = subprocess.run([BIN, "init"], env=env, capture_output=True)
        self.assertEqual(r.returncode, 0)
        self.assertTrue(os.path.exists(os.path.join(self.dir, "env.db")))

    def test_import_errors_store_nothing(self):
        with open(SEED, encoding="utf-8") as f:
            seed = json.load(f)
        bad = json.loads(json.dumps(seed))
        bad["articles"][3]["published_at"] = "2016-09-31T10:00:00-04:00"
        path = self.write("bad.json", bad)
        r = run_cli(self.db, "import", path)
        self.assertEqual(r.returncode, 1)
        slug = bad["articles"][3]["slug"]
        self.assertEqual(r.stderr.strip(),
                         "%s: article %s: published_at: '2016-09-31T10:00:00-04:00' is not an RFC 3339 "
                         "date-time like 2016-09-28T10:00:00-04:00" % (path, slug))

        cases = {
            "syntax.json": (b'{"newsdesk_bundle": 1,\n"articles": [\n}', ":3: "),
            "utf8.json": (b'{"newsdesk_bundle": 1, "publication": {"name": "\xff"}}', "UTF-8"),
            "unknown-author.json": (dict(seed, articles=[dict(seed["articles"][0], authors=["nobody"])]),
                                    "article us-threatens-to-halt-talks-with-russia-on-syria: authors: "
                                    "unknown author 'nobody'"),
            "dup.json": (dict(seed, articles=[seed["articles"][0], seed["articles"][0]]),
                         "slug: appears twice in this file"),
            "type.json": (dict(seed, articles=[dict(seed["articles"][0], title=7)]), "title: must be a string"),
        }
        for name, (data, expected) in cases.items():
            with self.subTest(file=name):
                r = run_cli(self.db, "import", self.write(name, data))
                self.assertEqual(r.returncode, 1)
                self.assertIn(expected, r.stderr)
        # Nothing of the bad files was stored: the database has no publication yet.
        conn = __import__("sqlite3").connect(self.db)
        self.assertEqual(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0], 0)
        self.assertEqual(conn.execute("SELECT COUNT(*) FROM publication").fetchone()[0], 0)
        conn.close()

        self.assertEqual(run_cli(self.db, "import", SEED).returncode, 0)
        self.assertEqual(run_cli(self.db, "import", SEED).returncode, 0)  # re-import updates


if __name__ == "__main__":
    unittest.main()
