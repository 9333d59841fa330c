"""A real SMTP server (aiosmtpd) on a loopback port for tests, with knobs for faults.

Messages are parsed with Python's `email` package. `answers` is a list of SMTP replies
to give to the next DATA commands ("451 4.3.0 Try again later"); when it is empty the
server accepts. `delay` slows every DATA down.
"""
import email
import email.policy
import socket
import threading
import time

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Handler:
    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []       # email.message.EmailMessage, in arrival order
        self.answers = []        # replies to give before accepting again
        self.reject = {}         # recipient -> permanent reply
        self.delay = 0.0
        self.attempts = 0
        self.peers = set()      # client (address, port) pairs: one per SMTP connection

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            import asyncio
            await asyncio.sleep(self.delay)
        with self.lock:
            self.attempts += 1
            self.peers.add(session.peer)
            for rcpt in envelope.rcpt_tos:
                if rcpt in self.reject:
                    return self.reject[rcpt]
            if self.answers:
                return self.answers.pop(0)
            msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
            msg["X-Envelope-To"] = ",".join(envelope.rcpt_tos)
            msg["X-Envelope-From"] = envelope.mail_from or ""
            msg.raw = envelope.original_content or envelope.content
            self.messages.append(msg)
        return "250 OK"


class SmtpPeer:
    def __init__(self, port=None):
        self.port = port or free_port()
        self.handler = Handler()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def url(self):
        return "smtp://127.0.0.1:%d" % self.port

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    def messages(self, to=None, subject=None):
        with self.handler.lock:
            out = list(self.handler.messages)
        if to:
            out = [m for m in out if m["X-Envelope-To"] == to]
        if subject:
            out = [m for m in out if str(m["Subject"]) == subject]
        return out

    def wait_for(self, count, to=None, subject=None, timeout=15):
        deadline = time.time() + timeout
        while time.time() < deadline:
            got = self.messages(to, subject)
            if len(got) >= count:
                return got
            time.sleep(0.05)
        return self.messages(to, subject)
