"""Importing a large bundle: streamed (memory bounded), all or nothing under SIGKILL,
progress on a terminal and a single summary line in a pipe."""
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
import unittest

from harness import BIN, load_seed, run_cli, run_on_terminal


def write_big_bundle(path, n, keys_last=False):
    """n articles with ~3 KB bodies, written without holding them all in memory."""
    seed = load_seed()
    body = " ".join("word%d" % (i % 97) for i in range(500))
    with open(path, "w") as f:
        head = {k: v for k, v in seed.items() if k != "articles"}
        parts = json.dumps(head)[1:-1]
        f.write("{" + ("" if keys_last else parts + ", ") + '"articles": [')
        for i in range(n):
            a = {"slug": "big-%06d" % i, "title": "Big story %d" % i, "summary": "Summary %d" % i,
                 "body": body, "authors": ["laura-rozen"], "column": "back-channel", "tags": ["archive"],
                 "published_at": "2010-01-01T00:00:00Z", "status": "published"}
            f.write((", " if i else "") + json.dumps(a))
        f.write("]" + (", " + parts if keys_last else "") + "}")


class ImportStreamTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="newsdesk-stream-")
        cls.big = os.path.join(cls.dir, "big.json")
        write_big_bundle(cls.big, 12000)  # about 40 MB

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def fresh_db(self, name):
        db = os.path.join(self.dir, name)
        self.assertEqual(run_cli(db, "init").returncode, 0)
        return db

    def count(self, db):
        with sqlite3.connect(db) as c:
            return c.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def peak_mb_of_import(self, db, path):
        proc = subprocess.Popen([BIN, "--db", db, "import", "--no-newsletter", path],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        self.assertEqual(proc.returncode, 0, proc.stderr.read())
        return usage.ru_maxrss / 1024

    def test_memory_does_not_grow_with_the_file(self):
        small = os.path.join(self.dir, "small.json")
        write_big_bundle(small, 4000)  # a third of the big one
        peak_small = self.peak_mb_of_import(self.fresh_db("small.db"), small)
        db = self.fresh_db("memory.db")
        peak_big = self.peak_mb_of_import(db, self.big)
        grown_file = (os.path.getsize(self.big) - os.path.getsize(small)) / 1e6
        self.assertGreater(grown_file, 25)
        # Reading the whole file into a JSON tree grew with it, several times over.
        self.assertLess(peak_big - peak_small, grown_file / 2,
                        "peak %.0f MB for the big file, %.0f MB for the small one" % (peak_big, peak_small))
        self.assertEqual(self.count(db), 12000)

    def test_parts_after_the_articles_are_read_first(self):
        path = os.path.join(self.dir, "keys-last.json")
        write_big_bundle(path, 50, keys_last=True)  # "authors", "columns" after "articles"
        db = self.fresh_db("keys-last.db")
        r = run_cli(db, "import", path)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.count(db), 50)

    def test_a_bad_article_late_in_the_file_stores_nothing(self):
        path = os.path.join(self.dir, "late-error.json")
        with open(self.big) as f:
            text = f.read()
        cut = text.rindex('{"slug": "big-011990"')
        with open(path, "w") as f:
            f.write(text[:cut] + '{"slug": "broken", "title": "x"}, ' + text[cut:])
        db = self.fresh_db("late-error.db")
        r = run_cli(db, "import", path)
        self.assertEqual(r.returncode, 1)
        self.assertIn("article broken", r.stderr)
        self.assertEqual(self.count(db), 0)

    def test_sigkill_midway_leaves_nothing_behind(self):
        db = self.fresh_db("killed.db")
        proc = subprocess.Popen([BIN, "--db", db, "import", "--no-newsletter", self.big],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Kill it once it is writing: the WAL file grows.
        deadline = time.time() + 60
        while time.time() < deadline and proc.poll() is None:
            if os.path.exists(db + "-wal") and os.path.getsize(db + "-wal") > 4 * 1024 * 1024:
                break
            time.sleep(0.02)
        self.assertIsNone(proc.poll(), "the import finished before it could be killed")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        index_names = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'articles' ORDER BY name"
        with sqlite3.connect(db) as c:
            self.assertEqual(c.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            # A bulk import drops the article tables' indexes and builds them at
            # its end: killed midway, the drops were rolled back with the rest.
            indexes = c.execute(index_names).fetchall()
            self.assertIn(("articles_by_time",), indexes)
        self.assertEqual(self.count(db), 0)
        # And the same file imports whole afterwards. A bulk import indexes
        # search at its end, in its transaction: every article is found, the
        # index is whole, and nothing is left to index; imported again, every
        # article is replaced and the triggers keep the index.
        for query, found in (("word42", 12000), ('"big story 11999"', 1)):
            r = run_cli(db, "import", "--no-newsletter", self.big)
            self.assertEqual(r.returncode, 0, r.stderr)
            with sqlite3.connect(db) as c:
                c.execute("INSERT INTO article_search (article_search, rank) VALUES ('integrity-check', 1)")
                self.assertEqual(c.execute("SELECT COUNT(*) FROM article_search WHERE article_search MATCH ?",
                                           (query,)).fetchone()[0], found)
                self.assertIsNone(c.execute("SELECT after_id FROM search_backlog").fetchone()[0])
                self.assertEqual(c.execute(index_names).fetchall(), indexes)  # built again
                self.assertEqual(c.execute("PRAGMA integrity_check").fetchone()[0], "ok")

    def test_progress_on_a_terminal_and_one_line_in_a_pipe(self):
        db = self.fresh_db("progress.db")
        r = subprocess.run([BIN, "--db", db, "import", "--no-newsletter", self.big], capture_output=True, text=True,
                           timeout=300)
        self.assertEqual(r.returncode, 0)
        self.assertEqual(r.stderr, "")  # no progress drawn into a pipe
        self.assertEqual(len(r.stdout.splitlines()), 1)
        self.assertRegex(r.stdout, r"^imported .*big\.json \(12000 articles in [0-9.]+ s\)$")

        db2 = self.fresh_db("progress-tty.db")
        code, out, text = run_on_terminal([BIN, "--db", db2, "import", "--no-newsletter", self.big])
        self.assertEqual(code, 0)
        self.assertIn("%", text)
        self.assertIn("articles", text)
        self.assertIn("\r", text)
        self.assertIn(b"imported", out)


if __name__ == "__main__":
    unittest.main()
