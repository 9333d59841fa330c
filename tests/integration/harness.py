"""Runs a real `newsdesk serve` on a free loopback port for integration tests.

Run with Debian's /usr/bin/python3. NEWSDESK_BIN names the binary (ctest sets it).

NEWSDESK_TEST_PG_URL (a PostgreSQL server's postgresql:// URL; tests/with-postgres
starts a throwaway one) runs every Server on a fresh PostgreSQL database of its
own instead of a SQLite file. Tests that read the SQLite file itself are
skipped then (`sqlite_only`).
"""
import http.client
import json
import os
import pty
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.parse
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("NEWSDESK_BIN", os.path.join(ROOT, "build", "newsdesk"))
SEED = os.path.join(ROOT, "demo", "back-channel.json")


PG_URL = os.environ.get("NEWSDESK_TEST_PG_URL", "")


def on_postgres():
    return bool(PG_URL)


def sqlite_only(reason="reads the SQLite file itself"):
    """Skips a test (or class) when the suite runs on PostgreSQL."""
    return unittest.skipIf(on_postgres(), reason)


def psql(url, sql):
    r = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout


def new_database_url():
    """A new, empty PostgreSQL database on the test server: its URL."""
    name = "it_" + uuid.uuid4().hex[:16]
    psql(PG_URL, "CREATE DATABASE %s" % name)
    parts = urllib.parse.urlsplit(PG_URL)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def drop_database(url):
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    try:
        psql(PG_URL, "DROP DATABASE IF EXISTS %s WITH (FORCE)" % name)
    except AssertionError:
        pass  # the server may be gone already (a test that stopped it)


class _PgCursor:
    def __init__(self, rows):
        self.rows = rows

    def fetchone(self):
        return self.rows[0] if self.rows else None

    def fetchall(self):
        return list(self.rows)

    def __iter__(self):
        return iter(self.rows)


def _sql_literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, (int, float)):
        return repr(v)
    return "'" + str(v).replace("'", "''") + "'"


def _bind(sql, params):
    """sqlite3's ? placeholders, filled with SQL literals (tests' own values only)."""
    out, i, quote = [], 0, None
    params = list(params)
    for ch in sql:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "?":
            out.append(_sql_literal(params[i]))
            i += 1
            continue
        out.append(ch)
    return "".join(out)


def _typed(text):
    if text == "\x01":
        return None
    try:
        return int(text)
    except ValueError:
        return text


class _PgConnection:
    """Enough of sqlite3's connection for the tests' own reads and writes,
    through psql: values come back as int where they look like one."""

    def __init__(self, url):
        self.url = url

    def execute(self, sql, params=()):
        r = subprocess.run(["psql", self.url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-F", "\x1f",
                            "-R", "\x1e", "-P", "null=\x01", "-c", _bind(sql, params)],
                           capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            raise RuntimeError(r.stderr)
        body = r.stdout.rstrip("\n")
        rows = [tuple(_typed(v) for v in line.split("\x1f")) for line in body.split("\x1e") if line != ""]
        return _PgCursor(rows)

    def iterdump(self):
        r = subprocess.run(["pg_dump", "--data-only", self.url], capture_output=True, text=True, timeout=60)
        return iter(r.stdout.splitlines())

    def commit(self):
        pass

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def connect_db(db):
    """The database of a Server (a SQLite path or a postgresql:// URL), for a
    test's own queries with sqlite3-style ? parameters."""
    if db.startswith("postgresql://"):
        return _PgConnection(db)
    import sqlite3
    return sqlite3.connect(db)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_on_terminal(args, timeout=120):
    """Runs a command with stderr on a pseudo-terminal (where progress is drawn)
    and stdout in a pipe; returns (exit code, stdout bytes, terminal text)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    seen = b""
    while select.select([master], [], [], 60)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        seen += chunk
    out, _ = proc.communicate(timeout=timeout)
    os.close(master)
    return proc.returncode, out, seen.decode("utf-8", "replace")


def media_env(db):
    """The environment for a newsdesk process on `db`. A SQLite site keeps its
    images beside its file; each PostgreSQL test database gets a folder of its own."""
    env = dict(os.environ)
    if db.startswith("postgresql://"):
        name = urllib.parse.urlsplit(db).path.lstrip("/")
        env["NEWSDESK_MEDIA_DIR"] = os.path.join(tempfile.gettempdir(), "newsdesk-pg-media", name)
    return env


def run_cli(db, *args, stdin=None):
    return subprocess.run([BIN, "--db", db, *args], input=stdin, capture_output=True, text=True, timeout=60,
                          env=media_env(db))


class Server:
    """A newsdesk server with its own database in a temporary folder."""

    def __init__(self, bundles=(), extra_args=(), db=None):
        """`db`: another Server's database, served by this one too (a second node)."""
        self.dir = tempfile.mkdtemp(prefix="newsdesk-it-")
        self.owns_db = db is None
        self.db = db or (new_database_url() if on_postgres() else os.path.join(self.dir, "site.db"))
        self.port = free_port()
        self.extra_args = list(extra_args)
        r = run_cli(self.db, "init")
        assert r.returncode == 0, r.stderr
        self.imported = 0
        for b in bundles:
            self.import_bundle(b)
        self.log = open(os.path.join(self.dir, "serve.log"), "w+")
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            [BIN, "--db", self.db, "serve", "--listen", "127.0.0.1:%d" % self.port, "--threads", "2",
             *self.extra_args], stdout=self.log, stderr=subprocess.STDOUT, env=media_env(self.db))
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited early:\n" + self.read_log())
            try:
                status, _, _ = self.get("/healthz")
                if status == 200:
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not start:\n" + self.read_log())

    def import_bundle(self, b):
        path = b
        if not isinstance(b, str):
            self.imported += 1
            path = os.path.join(self.dir, "bundle-%d.json" % self.imported)
            with open(path, "w", encoding="utf-8") as f:
                json.dump(b, f)
        r = run_cli(self.db, "import", path)
        assert r.returncode == 0, r.stderr
        return r

    def kill(self):
        self.proc.kill()
        self.proc.wait(timeout=10)

    def read_log(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def raw(self, data, read_timeout=5):
        """Sends raw bytes; returns whatever the server answers before closing."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=read_timeout) as s:
            try:
                s.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server may answer and close before reading everything
            chunks = []
            try:
                while True:
                    c = s.recv(65536)
                    if not c:
                        break
                    chunks.append(c)
            except (socket.timeout, ConnectionResetError):
                pass
            return b"".join(chunks)

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                return self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                raise
        return self.proc.returncode if self.proc else None

    def close(self):
        try:
            self.stop()
        finally:
            if os.environ.get("NEWSDESK_TEST_LOGS"):  # every server's log, appended there
                with open(os.environ["NEWSDESK_TEST_LOGS"], "a", encoding="utf-8") as out:
                    self.log.flush()
                    with open(self.log.name, encoding="utf-8", errors="replace") as log:
                        out.write(log.read())
            self.log.close()
            shutil.rmtree(self.dir, ignore_errors=True)
            if on_postgres() and self.owns_db:
                drop_database(self.db)
                shutil.rmtree(media_env(self.db)["NEWSDESK_MEDIA_DIR"], ignore_errors=True)


def load_seed():
    with open(SEED, encoding="utf-8") as f:
        return json.load(f)


def article(slug, when, title=None, column="back-channel", authors=("laura-rozen",), status="published",
            tags=(), summary=None, body=None):
    return {"slug": slug, "title": title or ("Title " + slug), "summary": summary or ("Summary of " + slug),
            "body": body or ("Body of " + slug), "authors": list(authors), "column": column, "tags": list(tags),
            "published_at": when, "status": status}
