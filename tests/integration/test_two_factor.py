"""Two-factor sign-in (TOTP, RFC 6238) with recovery codes, over real HTTP:
codes are computed here from the shared secret with the standard library,
independently of liboath (issue #10)."""
import base64
import hashlib
import hmac
import re
import struct
import time
import unittest

from admin_client import AdminClient
from harness import Server, load_seed, run_cli, connect_db
from smtp_peer import SmtpPeer


def totp(key_base32, at=None, step=30, digits=6):
    """RFC 6238 with HMAC-SHA1, as authenticator apps compute it."""
    key = base64.b32decode(key_base32 + "=" * (-len(key_base32) % 8))
    counter = int((time.time() if at is None else at) // step)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    code = (struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % (10 ** digits)
    return str(code).zfill(digits)


class TwoFactorTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.smtp = SmtpPeer().start()
        cls.server = Server([load_seed()], extra_args=["--smtp-url", cls.smtp.url]).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()
        cls.smtp.stop()

    def enrol(self, email):
        run_cli(self.server.db, "user", "add", "--email", email, "--name", "Reporter", "--role", "editor",
                stdin="reporter password\n")
        me = AdminClient(self.server, email, "reporter password")
        self.assertEqual(me.post("/admin/account/two-factor/start", {})[0], 303)
        page = me.get("/admin/account")[2]
        key = re.search(r'<code class="admin-token" id="totp-key">([A-Z2-7]+)</code>', page).group(1)
        uri = re.search(r'id="totp-uri">([^<]+)</code>', page).group(1)
        self.assertIn("otpauth://totp/Al-Monitor:" + email.replace("@", "%40"), uri)
        self.assertIn("secret=" + key, uri)
        status, _, body = me.post("/admin/account/two-factor/confirm", {"code": "000000"})
        self.assertEqual(status, 400)
        self.assertIn("code: is not the code your app shows now", body)
        status, _, body = me.post("/admin/account/two-factor/confirm", {"code": totp(key)})
        self.assertEqual(status, 200)
        codes = re.findall(r"<li><code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</code></li>", body)
        self.assertEqual(len(codes), 10)
        self.assertNotIn(codes[0], me.get("/admin/account")[2])  # shown once
        return key, codes

    def start_sign_in(self, email):
        c = AdminClient(self.server)
        status, headers, body = c.post("/admin/sign-in", {"email": email, "password": "reporter password"},
                                       csrf=False)
        self.assertEqual(status, 200)
        self.assertNotIn("newsdesk_session=", headers.get("set-cookie", ""))
        self.assertIn("authenticator app", body)
        c.cookie = headers["set-cookie"].split(";")[0]
        return c

    def finish(self, c, code):
        status, headers, _ = c.post("/admin/sign-in/code", {"code": code}, csrf=False)
        if status == 303:
            c.cookie = headers["set-cookie"].split(";")[0]
        return status

    def test_enrol_then_sign_in_with_a_code_once(self):
        key, _ = self.enrol("totp@example.com")
        c = self.start_sign_in("totp@example.com")
        self.assertEqual(self.finish(c, "123456" if totp(key) != "123456" else "654321"), 401)
        self.assertEqual(c.get("/admin")[1].get("location"), "/admin/sign-in")  # no session from the challenge
        # Wait for a fresh step, so the enrolment's code is not the one reused.
        time.sleep(30 - time.time() % 30 + 0.2)
        code = totp(key)
        self.assertEqual(self.finish(c, code), 303)
        self.assertEqual(c.get("/admin")[0], 200)
        # The same code again (a shoulder-surfer) is refused.
        other = self.start_sign_in("totp@example.com")
        self.assertEqual(self.finish(other, code), 401)
        # The challenge alone, without the password step, is nothing.
        forged = AdminClient(self.server)
        forged.cookie = "newsdesk_2fa=" + "A" * 43
        self.assertEqual(forged.post("/admin/sign-in/code", {"code": totp(key)}, csrf=False)[0], 401)

    def test_a_password_reset_still_asks_for_the_code(self):
        key, _ = self.enrol("reset.2fa@example.com")
        anyone = AdminClient(self.server)
        anyone.post("/admin/password-reset", {"email": "reset.2fa@example.com"}, csrf=False)
        mail = self.smtp.wait_for(1, to="reset.2fa@example.com")[0]
        text = mail.get_body(("plain",)).get_content()
        link = "/" + re.search(r"http://\S+/admin/password-reset/\S+", text).group(0).split("/", 3)[3]
        status, headers, body = anyone.post(link, {"password": "a whole new password",
                                                   "password_again": "a whole new password"}, csrf=False)
        self.assertEqual(status, 200)
        self.assertNotIn("newsdesk_session=", headers.get("set-cookie", ""))
        self.assertIn("Sign in with it and a code", body)
        c = AdminClient(self.server)
        status, headers, body = c.post("/admin/sign-in", {"email": "reset.2fa@example.com",
                                                          "password": "a whole new password"}, csrf=False)
        self.assertIn("authenticator app", body)

    def test_recovery_codes_work_once_and_turning_off_needs_the_password(self):
        key, codes = self.enrol("lost.phone@example.com")
        c = self.start_sign_in("lost.phone@example.com")
        self.assertEqual(self.finish(c, codes[3].upper().replace("-", " ")), 303)
        page = c.get("/admin/account")[2]
        self.assertIn("9 recovery codes left", page)
        again = self.start_sign_in("lost.phone@example.com")
        self.assertEqual(self.finish(again, codes[3]), 401)
        with connect_db(self.server.db) as db:
            stored = [h for (h,) in db.execute("SELECT code_hash FROM recovery_codes")]
        self.assertFalse(any(code.replace("-", "") in h for h in stored for code in codes))
        status, _, body = c.post("/admin/account/two-factor/off", {"current_password": "wrong one"})
        self.assertEqual(status, 400)
        self.assertEqual(c.post("/admin/account/two-factor/off", {"current_password": "reporter password"})[0], 303)
        self.assertEqual(AdminClient(self.server).sign_in("lost.phone@example.com", "reporter password"), 303)


if __name__ == "__main__":
    unittest.main()
