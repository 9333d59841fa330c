"""A person using the admin UI over real HTTP: a session cookie, and the CSRF
token read from the pages as a browser would."""
import json
import re
import urllib.parse


class AdminClient:
    def __init__(self, server, email=None, password=None):
        self.server = server
        self.cookie = None
        if email:
            status = self.sign_in(email, password)
            assert status == 303, "sign-in of %s answered %d" % (email, status)

    def headers(self, extra=None):
        h = dict(extra or {})
        if self.cookie:
            h["Cookie"] = self.cookie
        return h

    def sign_in(self, email, password):
        status, headers, _ = self.post("/admin/sign-in", {"email": email, "password": password}, csrf=False)
        if status == 303 and "set-cookie" in headers:
            self.cookie = headers["set-cookie"].split(";")[0]
        return status

    def take_session(self, headers):
        """Keeps the session a 303 (invitation, reset) just started."""
        self.cookie = headers["set-cookie"].split(";")[0]

    def get(self, path):
        return self.server.get(path, self.headers())

    def csrf(self, page="/admin/account"):
        body = self.get(page)[2]
        m = re.search(r'name="csrf" value="([0-9a-f]+)"', body)
        return m.group(1) if m else ""

    def post(self, path, fields, csrf=True):
        fields = dict(fields)
        if csrf is True:
            fields["csrf"] = self.csrf()
        elif csrf:
            fields["csrf"] = csrf
        body = urllib.parse.urlencode(fields, doseq=True)
        return self.server.request("POST", path, body=body,
                                   headers=self.headers({"Content-Type": "application/x-www-form-urlencoded"}))


def api(server, method, path, token, body=None, headers=None):
    """One admin API call with a bearer token; (status, headers, parsed JSON or text)."""
    h = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    h.update(headers or {})
    status, rh, text = server.request(method, path, body=None if body is None else json.dumps(body), headers=h)
    try:
        return status, rh, json.loads(text) if text else None
    except ValueError:
        return status, rh, text
