"""Runs a real `newsdesk serve` on a free loopback port for integration tests.

Run with Debian's /usr/bin/python3. NEWSDESK_BIN names the binary (ctest sets it).
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

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("NEWSDESK_BIN", os.path.join(ROOT, "build", "newsdesk"))
SEED = os.path.join(ROOT, "demo", "back-channel.json")


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


def run_cli(db, *args, stdin=None):
    return subprocess.run([BIN, "--db", db, *args], input=stdin, capture_output=True, text=True, timeout=60)


class Server:
    """A newsdesk server with its own database in a temporary folder."""

    def __init__(self, bundles=(), extra_args=()):
        self.dir = tempfile.mkdtemp(prefix="newsdesk-it-")
        self.db = os.path.join(self.dir, "site.db")
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
             *self.extra_args], stdout=self.log, stderr=subprocess.STDOUT)
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
            self.log.close()
            shutil.rmtree(self.dir, ignore_errors=True)


def load_seed():
    with open(SEED, encoding="utf-8") as f:
        return json.load(f)


def article(slug, when, title=None, column="back-channel", authors=("laura-rozen",), status="published",
            tags=(), summary=None, body=None):
    return {"slug": slug, "title": title or ("Title " + slug), "summary": summary or ("Summary of " + slug),
            "body": body or ("Body of " + slug), "authors": list(authors), "column": column, "tags": list(tags),
            "published_at": when, "status": status}
